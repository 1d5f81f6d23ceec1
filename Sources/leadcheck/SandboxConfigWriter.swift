import LeadModel
import LeadDestinations
import LeadSandbox

/// The `leadcheck.yaml` that points every destination at a running sandbox. Its credentials are
/// the sandbox's own fixed values, not secrets of anyone's.
public enum SandboxConfigWriter {
    /// The config text for these endpoints.
    public static func text(for endpoints: SandboxEndpoints) -> String {
        var values = StarterConfig.Values()
        values.httpsURL = endpoints.https
        values.httpsInspectionURL = endpoints.inspection
        values.tableConnectionString = endpoints.azureTable.connectionString
        let d = endpoints.dynamics
        values.dynamics = (d.instanceUrl, d.tokenUrl, d.tenantId, d.clientId, d.clientSecret)
        let m = endpoints.marketo
        values.marketo = (m.baseUrl, m.munchkinId, m.formId, m.clientId, m.clientSecret)
        let s = endpoints.salesforce
        values.salesforce = (s.webToLeadUrl, s.orgId, s.instanceUrl, s.tokenUrl, s.clientId, s.clientSecret)
        var text = StarterConfig.render(values, header: "leadcheck configuration for a local `leadcheck sandbox` (its own fixed credentials).")
            .replacingOccurrences(of: "    readbackTimeout: 120s        # Web-to-Lead is asynchronous; how long to poll",
                                  with: "    readbackTimeout: 2s          # the sandbox stores Web-to-Lead leads at once")
        if let workflow = endpoints.workflow {
            // The sandbox's flow (--flow): its runs are read through the dynamics port's ARM API.
            let marker = "# the sandbox keeps what its sink received\n"
            text = text.replacingOccurrences(of: marker, with: marker + """
                    run:                       # the sandbox flow's runs, read as a Logic App's
                      logicApp: {subscriptionId: "00000000-0000-4000-8000-000000000000", resourceGroup: sandbox, workflow: "\(workflow)",
                                 managementUrl: "\(d.instanceUrl)", tenantId: "\(d.tenantId)", clientId: "\(d.clientId)",
                                 clientSecret: "\(d.clientSecret)", tokenUrl: "\(d.tokenUrl)"}

                """)
        }
        return text
    }
}
