import LeadModel

/// Where the `MarketplaceLeads` entity keeps each lead field (docs/reference/azure-table.md §2):
/// what ``AzureTableEntityEncoder`` writes and what the Azure Table destination selects, reads
/// back and names in findings, stated once. Every property is a string; the customer fields
/// live inside `CustomerInfo`, a JSON string with the fields' own PascalCase names.
public struct AzureTableColumns: Sendable {
    /// The action code.
    public static let actionCode: StaticString = "ActionCode"
    /// The customer fields, as a JSON object kept in a string.
    public static let customerInfo: StaticString = "CustomerInfo"
    /// The description, which carries the marker.
    public static let description: StaticString = "Description"
    /// The lead-source string.
    public static let leadSource: StaticString = "LeadSource"
    /// The offer's display title.
    public static let offer: StaticString = "OfferDisplayName"

    /// The properties outside `CustomerInfo` and the field each holds.
    public static let leadLevel: [(name: StaticString, field: LeadField)] = [
        (actionCode, .actionCode), (description, .description), (leadSource, .leadSource), (offer, .offer),
    ]

    /// The property holding `field`: `CustomerInfo.<Field>` for a customer field.
    public static func column(of field: LeadField) -> String {
        if let customer = field.customerField { return "\(customerInfo).\(customer.rawValue)" }
        return leadLevel.first { $0.field == field }.map { "\($0.name)" } ?? field.rawValue
    }
}
