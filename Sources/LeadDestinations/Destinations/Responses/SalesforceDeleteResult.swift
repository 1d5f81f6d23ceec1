/// One result of `DELETE composite/sobjects`: `{"id","success","errors":[{"statusCode",
/// "message","fields"}]}`, one per id in order (destinations.md §5.4); an id already deleted
/// fails with `ENTITY_IS_DELETED` (real-responses.md §4).
struct SalesforceDeleteResult: Decodable, Sendable {
    struct Problem: Decodable, Sendable {
        let statusCode: String?
        let message: String?
    }
    let success: Bool?
    let errors: [Problem]?
}
