import LeadModel

/// Writes `leadcheck.yaml` text: the commented starter of `leadcheck init`, and the config
/// `leadcheck sandbox --write-config` points at itself.
public enum StarterConfig {
    /// Values for one destination of each kind; `nil` leaves the kind out.
    public struct Values: Sendable {
        /// HTTPS endpoint URL, or a `${VAR}` reference.
        public var httpsURL: String?
        /// A sandbox's inspection API, for reading back what its HTTPS sink stored.
        public var httpsInspectionURL: String?
        /// Where the endpoint's flow runs are read (`run:`, a Logic App's): workflow, management
        /// URL, token URL, tenant, client, secret.
        public var httpsRun:
            (
                workflow: String, managementURL: String, tokenURL: String, tenantID: String, clientID: String,
                clientSecret: String
            )?
        /// Azure Storage connection string, or a `${VAR}` reference.
        public var tableConnectionString: String?
        /// Dynamics: instance URL, token URL override, tenant, client, secret.
        public var dynamics:
            (instanceURL: String, tokenURL: String?, tenantID: String, clientID: String, clientSecret: String)?
        /// Marketo: base URL override, Munchkin ID, form id, client, secret.
        public var marketo: (baseURL: String?, munchkinID: String, formID: Int, clientID: String, clientSecret: String)?
        /// Salesforce: Web-to-Lead URL, org id, instance URL, token URL override, client, secret.
        public var salesforce:
            (
                webToLeadURL: String, orgID: String, instanceURL: String, tokenURL: String?, clientID: String,
                clientSecret: String
            )?

        /// Creates values.
        public init() {}

        /// Every secret comes from an environment variable, as a real config should.
        public static let placeholders: Values = {
            var v = Values()
            v.httpsURL = "${LEADCHECK_HTTPS_URL}"
            v.tableConnectionString = "${LEADCHECK_TABLE_CONNECTION_STRING}"
            v.dynamics = (
                "https://contoso.crm4.dynamics.com", nil, "${LEADCHECK_DYNAMICS_TENANT_ID}",
                "${LEADCHECK_DYNAMICS_CLIENT_ID}", "${LEADCHECK_DYNAMICS_CLIENT_SECRET}"
            )
            v.marketo = (
                nil, "123-PQR-789", 1179, "${LEADCHECK_MARKETO_CLIENT_ID}", "${LEADCHECK_MARKETO_CLIENT_SECRET}"
            )
            v.salesforce = (
                "https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8", "00D5e000001Acue",
                "https://contoso.my.salesforce.com", nil, "${LEADCHECK_SF_CLIENT_ID}", "${LEADCHECK_SF_CLIENT_SECRET}"
            )
            return v
        }()
    }

    /// The YAML text, with a comment on every setting.
    public static func render(_ values: Values, offer: Offer = .example, header: String) -> String {
        func q(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var out = """
            # \(header)
            # Values like ${NAME} come from the environment (${NAME:-default} gives a default). Keep
            # secrets there, not in this file. Run: leadcheck verify --config leadcheck.yaml
            version: 1

            offer:
              id: \(offer.id)            # publisherid.offerid, as in Partner Center
              title: \(q(offer.title))

            defaults:
              matrix: documented          # documented (6 source × action pairs) or full (20)
              variants: [typical, unicode, hostile]   # also: partial, limits, msft-test, descriptions
              locales: [en-US, ja-JP]     # also: de-DE, fr-FR, pt-BR
              connectTimeout: 10s
              timeout: 30s
              cleanup: true               # remove the test leads after the run

            destinations:

            """
        if let url = values.httpsURL {
            out += """
                  # An HTTPS endpoint (e.g. a Power Automate "When a HTTP request is received" trigger URL).
                  - name: https
                    type: https
                    url: \(q(url))
                    # payloadCase: pascal      # camelCase (the default) is what Microsoft sends; pascal is the docs' schema
                \(values.httpsInspectionURL.map { "    inspectionUrl: \(q($0))   # the sandbox keeps what its sink received\n" } ?? "")
                """
            if let run = values.httpsRun {
                out += """
                        run:                       # the flow's runs, read as a Logic App's
                          logicApp: {subscriptionId: "00000000-0000-4000-8000-000000000000", resourceGroup: sandbox, workflow: \(q(run.workflow)),
                                     managementUrl: \(q(run.managementURL)), tokenUrl: \(q(run.tokenURL)),
                                     tenantId: \(q(run.tenantID)), clientId: \(q(run.clientID)), clientSecret: \(q(run.clientSecret))}

                    """
            }
        }
        if let connection = values.tableConnectionString {
            out += """
                  # An Azure Table: the storage account connection string you give Partner Center.
                  - name: azure-table
                    type: azure-table
                    connectionString: \(q(connection))
                    table: MarketplaceLeads     # Microsoft creates and writes this table

                """
        }
        if let d = values.dynamics {
            out += """
                  # Dynamics 365: the Azure AD app you registered, with the Lead Writer role (plus read and
                  # delete on lead for read-back and cleanup). Partner Center's other sign-in,
                  # authentication: office365 with username/password, is accepted but cannot be verified.
                  - name: dynamics
                    type: dynamics
                    instanceUrl: \(q(d.instanceURL))
                \(d.tokenURL.map { "    tokenUrl: \(q($0))\n" } ?? "")    tenantId: \(q(d.tenantID))
                    clientId: \(q(d.clientID))
                    clientSecret: \(q(d.clientSecret))
                    leadSourceCode: 8           # the lead source option value to write (8 = Web)

                """
        }
        if let m = values.marketo {
            out += """
                  # Marketo: Munchkin ID, form id and the LaunchPoint custom service's client id and secret.
                  - name: marketo
                    type: marketo
                \(m.baseURL.map { "    baseUrl: \(q($0))\n" } ?? "")    munchkinId: \(q(m.munchkinID))
                    formId: \(m.formID)
                    clientId: \(q(m.clientID))
                    clientSecret: \(q(m.clientSecret))
                    mode: submit-form           # or sync
                    leadSourceField: leadSource # the form's "Lead Source" field (REST name)

                """
        }
        if let s = values.salesforce {
            out += """
                  # Salesforce: the Web-to-Lead org id, plus a connected app (client credentials) for read-back.
                  - name: salesforce
                    type: salesforce
                    orgId: \(q(s.orgID))
                    webToLeadUrl: \(q(s.webToLeadURL))
                    instanceUrl: \(q(s.instanceURL))
                \(s.tokenURL.map { "    tokenUrl: \(q($0))\n" } ?? "")    clientId: \(q(s.clientID))
                    clientSecret: \(q(s.clientSecret))
                    readbackTimeout: 120s        # Web-to-Lead is asynchronous; how long to poll

                """
        }
        return out
    }
}
