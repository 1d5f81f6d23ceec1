/// The Entra application the sandbox's Dynamics accepts, and its Dataverse instance.
public struct DynamicsCredentials: Sendable, Codable, Hashable {
    /// The Directory (tenant) ID.
    public var tenantID: String
    /// The Application (client) ID.
    public var clientID: String
    /// The client secret (a sandbox value, not a real secret).
    public var clientSecret: String
    /// A second app with Read and Delete on Lead, for `readback:` credentials: the
    /// `dynamics:write-only` fault does not apply to it.
    public var readerClientID = "34567163-bbbb-cccc-9773-2345ef67899a"
    /// Its secret.
    public var readerClientSecret = "sandbox-dynamics-reader-secret"

    /// Fixed sandbox values, shaped like the Partner Center examples (docs/reference/dynamics.md §1).
    public static let sandbox = DynamicsCredentials(
        tenantID: "72f988bf-86f1-41af-91ab-2d7cd011db47", clientID: "23456052-aaaa-bbbb-8662-1234df56788f",
        clientSecret: "sandbox-dynamics-client-secret"
    )

    /// The token prefix of the reader app's tokens.
    static let readerTokenPrefix = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.reader-"
}
