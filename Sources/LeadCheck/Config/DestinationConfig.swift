/// One configured lead destination: a name, a kind and that kind's settings — the inputs Partner
/// Center asks for, plus what read-back needs.
public struct DestinationConfig: Sendable {
    /// The name reports use; unique in the file.
    public var name: String
    /// The kind.
    public var kind: DestinationKind
    /// The kind's settings.
    public var settings: Settings

    /// Per-kind settings.
    public enum Settings: Sendable {
        /// An HTTPS endpoint; `inspectionURL` is a leadcheck sandbox's inspection API, where the
        /// sink keeps what it received (a real endpoint has none).
        case https(url: Secret, readback: String?, inspectionURL: String?, readbackTimeoutMilliseconds: Int)
        /// An Azure Table.
        case azureTable(connectionString: AzureConnectionString, table: String)
        /// Dynamics 365.
        case dynamics(instanceURL: String, tenantID: String, clientID: String, clientSecret: Secret, tokenURL: String?, leadSourceCode: Int)
        /// Marketo.
        case marketo(munchkinID: String, formID: Int, clientID: String, clientSecret: Secret, baseURL: String?, mode: MarketoMode, leadSourceField: String)
        /// Salesforce.
        case salesforce(orgID: String, webToLeadURL: String, instanceURL: String, clientID: String, clientSecret: Secret, tokenURL: String?, readbackTimeoutMilliseconds: Int)
    }
}
