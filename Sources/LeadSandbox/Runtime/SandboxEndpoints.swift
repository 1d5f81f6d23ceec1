/// Where a running sandbox serves each destination, and the credentials that work against it:
/// what `--endpoints` writes and `verify --sandbox` reads.
public struct SandboxEndpoints: Sendable, Codable, Hashable {
    /// The Azure Table endpoint and its development account.
    public struct AzureTable: Sendable, Codable, Hashable {
        /// A connection string pointing at the sandbox.
        public var connectionString: String
        /// The account name.
        public var account: String
        /// The account key (Azurite's public development key unless configured otherwise).
        public var key: String
    }

    /// Dynamics 365: the Dataverse instance and the Entra application that may write to it.
    public struct Dynamics: Sendable, Codable, Hashable {
        /// The instance URL (the token audience; `/api/data/v9.2/` lives under it).
        public var instanceUrl: String
        /// The client-credentials token endpoint.
        public var tokenUrl: String
        /// The Directory (tenant) ID.
        public var tenantId: String
        /// The Application (client) ID.
        public var clientId: String
        /// The client secret.
        public var clientSecret: String
        /// A reader app (Read and Delete on Lead) for `readback:` credentials.
        public var readerClientId: String?
        /// Its secret.
        public var readerClientSecret: String?
    }

    /// Salesforce: Web-to-Lead and the REST API with a client-credentials connected app.
    public struct Salesforce: Sendable, Codable, Hashable {
        /// The Web-to-Lead servlet URL, with `?encoding=UTF-8` as Salesforce generates it.
        public var webToLeadUrl: String
        /// The org id (`oid`).
        public var orgId: String
        /// The My Domain instance URL.
        public var instanceUrl: String
        /// The OAuth token endpoint.
        public var tokenUrl: String
        /// The connected app's consumer key.
        public var clientId: String
        /// The connected app's consumer secret.
        public var clientSecret: String
    }

    /// Marketo: the instance (identity under `/identity`, REST under `/rest`) and the form.
    public struct Marketo: Sendable, Codable, Hashable {
        /// Replaces `https://<munchkin>.mktorest.com`.
        public var baseUrl: String
        /// The Munchkin ID.
        public var munchkinId: String
        /// The form id.
        public var formId: Int
        /// The custom service's client id.
        public var clientId: String
        /// The custom service's client secret.
        public var clientSecret: String
    }

    /// The HTTPS-endpoint sink URL.
    public var https: String
    /// The Azure Table service.
    public var azureTable: AzureTable
    /// Dynamics 365.
    public var dynamics: Dynamics
    /// Salesforce.
    public var salesforce: Salesforce
    /// Marketo.
    public var marketo: Marketo
    /// The inspection API base URL.
    public var inspection: String
    /// The CA certificate to trust, with `--tls`.
    public var caFile: String?
    /// The workflow the HTTPS sink runs (`--flow`); its runs are read at the dynamics port,
    /// `…/subscriptions/<any>/resourceGroups/<any>/providers/Microsoft.Logic/workflows/<workflow>/runs`.
    public var workflow: String?
}
