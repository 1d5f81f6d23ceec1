/// The org and connected app the sandbox's Salesforce accepts.
public struct SalesforceCredentials: Sendable, Codable, Hashable {
    /// The 15-character org id Web-to-Lead posts as `oid`.
    public var orgID: String
    /// The connected app's consumer key.
    public var clientID: String
    /// The connected app's consumer secret (a sandbox value).
    public var clientSecret: String

    /// Fixed sandbox values.
    public static let sandbox = SalesforceCredentials(
        orgID: "00D5e000001Acue", clientID: "3MVG9sandboxConsumerKey",
        clientSecret: "sandbox-salesforce-consumer-secret")
}
