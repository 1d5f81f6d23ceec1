/// One result of `DELETE composite/sobjects`: `{"id","success","errors":[{"statusCode",
/// "message","fields"}]}`, one per id in order (docs/reference/salesforce.md §4); an id already deleted
/// fails with `ENTITY_IS_DELETED` (docs/reference/salesforce.md §5).
struct SalesforceDeleteResult: Decodable, Sendable {
    struct Problem: Decodable, Sendable {
        let statusCode: String?
        let message: String?
    }
    let success: Bool?
    let errors: [Problem]?
}
