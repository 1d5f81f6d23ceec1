import LeadModel

/// Where a Dataverse `lead` record keeps each lead field: what ``DynamicsLeadEncoder`` writes,
/// and what the Dynamics destination selects, reads back and names in findings, stated once.
/// The mapping is [INF] (docs/reference/dynamics.md §1); the names are the logical names of §2.
public struct DynamicsColumns: Sendable {
    /// The text columns and the field each holds, in the order the record is written. `subject`
    /// holds the lead-source string (docs/reference/dynamics.md §1).
    public static let text: [(name: StaticString, field: LeadField)] = [
        ("firstname", .firstName), ("lastname", .lastName), (email, .email), ("telephone1", .phone),
        ("address1_country", .country), ("companyname", .company), ("jobtitle", .title),
        (description, .description), (subject, .leadSource),
    ]
    /// The email column, which read-back, cleanup and reconcile query by.
    public static let email: StaticString = "emailaddress1"
    /// The description column, which carries the marker.
    public static let description: StaticString = "description"
    /// The column holding the lead-source string, which names the offer.
    public static let subject: StaticString = "subject"

    /// The `leadsourcecode` choice column, written as a number (the configured option value).
    public static let leadSourceCode: StaticString = "leadsourcecode"

    /// The record's id, assigned by the Web API.
    public static let id = "leadid"

    /// Every column read back: the id, the text columns, the choice.
    public static let selected: [String] = [id] + text.map { "\($0.name)" } + ["\(leadSourceCode)"]

    /// The column holding `field`, nil for one a `lead` record is not sent.
    public static func column(of field: LeadField) -> String? {
        if field == .leadSourceCode { return "\(leadSourceCode)" }
        return text.first { $0.field == field }.map { "\($0.name)" }
    }

    /// The field a text column holds, nil for any other column.
    public static func field(of column: String) -> LeadField? {
        text.first { "\($0.name)" == column }?.field
    }
}
