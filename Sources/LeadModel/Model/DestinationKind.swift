/// The five kinds of lead destination Microsoft's connector can write to.
public enum DestinationKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// An HTTPS endpoint (e.g. a Power Automate trigger URL).
    case https
    /// An Azure Storage table.
    case azureTable = "azure-table"
    /// Dynamics 365 Customer Engagement (Dataverse).
    case dynamics
    /// Marketo.
    case marketo
    /// Salesforce (Web-to-Lead).
    case salesforce
}
