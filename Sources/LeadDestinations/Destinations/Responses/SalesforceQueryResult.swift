import LeadModel

/// A SOQL query answer, `{"totalSize":…,"done":…,"records":[…]}` (destinations.md §5.4); each
/// record's columns are those the query selected.
struct SalesforceQueryResult: Decodable, Sendable {
    let records: [JSONObject]
}
