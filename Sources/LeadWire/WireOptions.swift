import LeadModel

/// Every encoding choice, for all destinations.
public struct WireOptions: Sendable, Hashable, Codable {
    /// How `LeadSource` strings are spelled.
    public var leadSourceFormat: LeadSourceFormat
    /// HTTPS payload choices.
    public var https: HTTPSWireOptions
    /// Azure Table entity choices.
    public var azureTable: AzureTableWireOptions
    /// Dataverse choices.
    public var dynamics: DynamicsWireOptions
    /// Marketo choices.
    public var marketo: MarketoWireOptions
    /// Salesforce choices.
    public var salesforce: SalesforceWireOptions

    /// Creates options; every default follows the reference notes.
    public init(
        leadSourceFormat: LeadSourceFormat = LeadSourceFormat(), https: HTTPSWireOptions = HTTPSWireOptions(),
        azureTable: AzureTableWireOptions = AzureTableWireOptions(),
        dynamics: DynamicsWireOptions = DynamicsWireOptions(),
        marketo: MarketoWireOptions = MarketoWireOptions(), salesforce: SalesforceWireOptions = SalesforceWireOptions()
    ) {
        self.leadSourceFormat = leadSourceFormat
        self.https = https
        self.azureTable = azureTable
        self.dynamics = dynamics
        self.marketo = marketo
        self.salesforce = salesforce
    }
}
