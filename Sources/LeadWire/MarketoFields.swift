import LeadModel

/// Marketo's REST API name for each lead field (docs/reference/marketo.md §2): what
/// ``MarketoLeadEncoder`` sends and what the Marketo destination reads back and names in
/// findings, stated once. The "Lead Source" and Description fields are named by configuration
/// (``MarketoWireOptions``), as a form may map them elsewhere.
public struct MarketoFields: Sendable {
    /// The customer fields' REST names, in the order they are sent.
    public static let customer: [(field: CustomerField, name: StaticString)] = [
        (.firstName, "firstName"), (.lastName, "lastName"), (.email, "email"), (.phone, "phone"),
        (.country, "country"), (.company, "company"), (.title, "title"),
    ]

    /// The REST name of `field` under `options`, nil for one that is not sent.
    public static func name(of field: LeadField, options: MarketoWireOptions) -> String? {
        if field == .leadSource { return options.leadSourceField }
        if field == .description { return options.descriptionField }
        return customer.first { $0.field.rawValue == field.rawValue }.map { "\($0.name)" }
    }
}
