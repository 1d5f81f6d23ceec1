import LeadDestinations
import LeadModel
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
        if let workflow = endpoints.workflow {
            // The sandbox's flow (--flow): its runs are read through the dynamics port's ARM API.
            values.httpsRun = (workflow, d.instanceUrl, d.tokenUrl, d.tenantId, d.clientId, d.clientSecret)
        }
        return StarterConfig.render(
            values, header: "leadcheck configuration for a local `leadcheck sandbox` (its own fixed credentials)."
        )
        .replacingOccurrences(
            of: "    readbackTimeout: 120s        # Web-to-Lead is asynchronous; how long to poll",
            with: "    readbackTimeout: 2s          # the sandbox stores Web-to-Lead leads at once")
    }
}
