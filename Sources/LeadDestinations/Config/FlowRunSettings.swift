import LeadTransport

/// Where the runs of an HTTPS endpoint's flow can be read (`run:` on an https destination):
/// Azure Resource Manager's Logic Apps API or Dataverse's `flowruns` table (docs/reference/flows.md §5), each
/// with an Entra app that may read them.
public struct FlowRunSettings: Sendable {
    /// The service that keeps the runs.
    public enum Service: Sendable {
        /// A Logic App (Consumption): `…/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Logic/workflows/{w}/runs`.
        case logicApp(subscriptionID: String, resourceGroup: String, workflow: String, managementURL: String)
        /// A Power Automate solution flow: the environment's Dataverse `flowruns`.
        case powerAutomate(instanceURL: String)

        /// The config key naming it.
        public var key: String {
            if case .logicApp = self { return "logicApp" }
            return "powerAutomate"
        }
    }

    /// Which service, and where.
    public var service: Service
    /// The Directory (tenant) ID of the reading app.
    public var tenantID: String
    /// Its Application (client) ID.
    public var clientID: String
    /// Its client secret.
    public var clientSecret: Secret
    /// The client-credentials token endpoint; Entra's v2.0 endpoint for the tenant unless set.
    public var tokenURL: String?
    /// How long a lead's run is followed (`run.runTimeout`): Dataverse's flowrun rows arrive
    /// through a stream that may lag (docs/reference/flows.md §7), so the default is a minute.
    public var timeoutMilliseconds: Int

    /// Creates settings.
    public init(
        service: Service, tenantID: String, clientID: String, clientSecret: Secret, tokenURL: String? = nil,
        timeoutMilliseconds: Int = 60_000
    ) {
        self.service = service
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenURL = tokenURL
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// The resource the token is for: ARM (docs/reference/flows.md §5: `https://management.azure.com/.default`
    /// for the public cloud, the configured management URL otherwise) or the Dataverse environment.
    public var resource: String {
        switch service {
        case .logicApp(_, _, _, let managementURL): managementURL
        case .powerAutomate(let instanceURL): instanceURL
        }
    }

    /// The token endpoint actually used.
    public var effectiveTokenURL: String {
        tokenURL ?? "https://login.microsoftonline.com/\(tenantID)/oauth2/v2.0/token"
    }
}
