import LeadModel

/// One Salesforce REST error, `{"message":"…","errorCode":"…","fields":[…]}`; the REST API
/// answers a list of them (docs/reference/salesforce.md §5).
struct SalesforceError: Decodable, Sendable {
    let errorCode: String?
    let message: String?

    /// The first error of an error answer, or nil when the body is not Salesforce's error list.
    static func first(in body: [UInt8]) -> SalesforceError? {
        JSONValue.decode([SalesforceError].self, from: body)?.first
    }
}
