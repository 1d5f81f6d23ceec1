import LeadTransport

/// A Dynamics 365 destination: the inputs Partner Center asks for (docs/reference/dynamics.md §1) and
/// what leadcheck needs to sign in for read-back and cleanup.
public struct DynamicsSettings: Sendable {
    /// How Partner Center signs in to the instance.
    public enum Authentication: String, Sendable, CaseIterable {
        /// An Entra application (client id + secret): what leadcheck can verify.
        case azureAD
        /// A licensed user's name and password: accepted so the config mirrors Partner Center,
        /// but leadcheck does not sign in that way (ROPC is discouraged and blocked by MFA, docs/reference/dynamics.md §3).
        case office365
    }

    /// `https://<org>.crm<N>.dynamics.com`, no trailing slash.
    public var instanceURL: String
    /// Which sign-in Partner Center uses.
    public var authentication: Authentication
    /// The Directory (tenant) ID.
    public var tenantID: String?
    /// The Application (client) ID.
    public var clientID: String?
    /// The client secret ("Application Key" in older Partner Center naming).
    public var clientSecret: Secret?
    /// The Office 365 user, with `authentication: office365`.
    public var username: String?
    /// That user's password.
    public var password: Secret?
    /// The client-credentials token endpoint; Entra's v2.0 endpoint for the tenant unless set.
    public var tokenURL: String?
    /// The `leadsourcecode` option value written (8 = Web is [INF], docs/reference/dynamics.md §1).
    public var leadSourceCode: Int
    /// A separate app (`readback: {clientId, clientSecret}`) that reads back and deletes the
    /// test leads, for a write-only Lead Writer: delivery always uses the Partner Center app.
    public var readback: (clientID: String, clientSecret: Secret)?

    /// Creates settings.
    public init(
        instanceURL: String, authentication: Authentication = .azureAD, tenantID: String?, clientID: String?,
        clientSecret: Secret?,
        username: String? = nil, password: Secret? = nil, tokenURL: String? = nil, leadSourceCode: Int = 8,
        readback: (clientID: String, clientSecret: Secret)? = nil
    ) {
        self.instanceURL = instanceURL.hasSuffix("/") ? String(instanceURL.dropLast()) : instanceURL
        self.authentication = authentication
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.username = username
        self.password = password
        self.tokenURL = tokenURL
        self.leadSourceCode = leadSourceCode
        self.readback = readback
    }

    /// The token endpoint actually used.
    public var effectiveTokenURL: String {
        tokenURL ?? "https://login.microsoftonline.com/\(tenantID ?? "common")/oauth2/v2.0/token"
    }

    /// The secrets held.
    public var secrets: [Secret] { [clientSecret, password, readback?.clientSecret].compactMap { $0 } }
}
