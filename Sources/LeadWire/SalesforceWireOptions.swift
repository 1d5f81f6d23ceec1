import LeadModel

/// Choices for the Web-to-Lead form body.
public struct SalesforceWireOptions: Sendable, Hashable, Codable {
    /// The org id posted as `oid` (Partner Center's "Organization identifier").
    public var orgID: String

    /// Creates options; the default org id is a placeholder for fixtures.
    public init(orgID: String = "00D000000000001") { self.orgID = orgID }
}
