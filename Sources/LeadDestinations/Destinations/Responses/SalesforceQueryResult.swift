import LeadModel

/// A SOQL query answer, `{"totalSize":…,"done":…,"records":[…]}` (docs/reference/salesforce.md §4); each
/// record's columns are those the query selected.
struct SalesforceQueryResult: Decodable, Sendable {
    let records: [JSONObject]
}
