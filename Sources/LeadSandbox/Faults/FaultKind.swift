/// Which emulated service a fault applies to.
public enum FaultTarget: String, Sendable, Hashable, CaseIterable {
    /// The HTTPS-endpoint sink.
    case https
    /// The Azure Table service.
    case azureTable = "azure-table"
    /// Entra + Dataverse.
    case dynamics
    /// Marketo.
    case marketo
    /// Salesforce.
    case salesforce
    /// Every service.
    case all = "*"

    /// Whether a fault for this target applies to `service`.
    func applies(to service: FaultTarget) -> Bool { self == .all || self == service }
}
