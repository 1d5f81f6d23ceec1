import LeadModel

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
        /// An HTTPS endpoint.
        case https(HTTPSSettings)
        /// An Azure Table.
        case azureTable(connectionString: AzureConnectionString, table: String)
        /// Dynamics 365.
        case dynamics(DynamicsSettings)
        /// Marketo.
        case marketo(MarketoSettings)
        /// Salesforce.
        case salesforce(SalesforceSettings)
    }
}
