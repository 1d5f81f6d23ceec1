/// The Entra application the sandbox's Dynamics accepts, and its Dataverse instance.
public struct DynamicsCredentials: Sendable, Codable, Hashable {
    /// The Directory (tenant) ID.
    public var tenantID: String
    /// The Application (client) ID.
    public var clientID: String
    /// The client secret (a sandbox value, not a real secret).
    public var clientSecret: String

    /// Fixed sandbox values, shaped like the Partner Center examples (reference notes §3.1).
    public static let sandbox = DynamicsCredentials(
        tenantID: "72f988bf-86f1-41af-91ab-2d7cd011db47", clientID: "23456052-aaaa-bbbb-8662-1234df56788f",
        clientSecret: "sandbox-dynamics-client-secret"
    )
}
