import LeadModel

/// Choices for the Azure Table entity where Microsoft's behaviour is not documented.
public struct AzureTableWireOptions: Sendable, Hashable, Codable {
    /// The table Microsoft creates and writes to (docs/reference/azure-table.md §1: all evidence says
    /// `MarketplaceLeads`; table names are case-insensitive).
    public var tableName: String
    /// `LeadSource` content; the full `Source-Action|offer` form by default ([INF]).
    public var leadSource: LeadSourceContent
    /// How absent fields are written inside `CustomerInfo`.
    public var absentFields: AbsentFieldStyle

    /// Creates options.
    public init(
        tableName: String = "MarketplaceLeads", leadSource: LeadSourceContent = .full,
        absentFields: AbsentFieldStyle = .omit
    ) {
        self.tableName = tableName
        self.leadSource = leadSource
        self.absentFields = absentFields
    }
}
