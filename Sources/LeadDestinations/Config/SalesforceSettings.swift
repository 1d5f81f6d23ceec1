import LeadTransport

/// A Salesforce destination: the Web-to-Lead org id Partner Center asks for (docs/reference/salesforce.md
/// §1), and a client-credentials connected app for read-back and cleanup (§4).
public struct SalesforceSettings: Sendable {
    /// The production Web-to-Lead servlet Microsoft posts to.
    public static let productionWebToLeadURL = "https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8"

    /// The org id posted as `oid`.
    public var orgID: String
    /// The Web-to-Lead servlet.
    public var webToLeadURL: String
    /// The My Domain instance URL, `https://<domain>.my.salesforce.com`.
    public var instanceURL: String
    /// The connected app's consumer key.
    public var clientID: String
    /// Its consumer secret.
    public var clientSecret: Secret
    /// The token endpoint; `<instance>/services/oauth2/token` unless set.
    public var tokenURL: String?
    /// How long to poll for a submitted lead to appear (Web-to-Lead is asynchronous), ms.
    public var readbackTimeoutMilliseconds: Int

    /// Creates settings.
    public init(
        orgID: String, webToLeadURL: String = Self.productionWebToLeadURL, instanceURL: String, clientID: String,
        clientSecret: Secret,
        tokenURL: String? = nil, readbackTimeoutMilliseconds: Int = 120_000
    ) {
        self.orgID = orgID
        self.webToLeadURL = webToLeadURL
        self.instanceURL = instanceURL.hasSuffix("/") ? String(instanceURL.dropLast()) : instanceURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenURL = tokenURL
        self.readbackTimeoutMilliseconds = readbackTimeoutMilliseconds
    }

    /// The token endpoint actually used.
    public var effectiveTokenURL: String { tokenURL ?? "\(instanceURL)/services/oauth2/token" }
}
