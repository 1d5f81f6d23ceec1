import LeadModel

/// Where Salesforce keeps each lead field: the Web-to-Lead form field ``SalesforceWebToLeadEncoder``
/// posts (the field names of the documented test lead, docs/reference/lead.md §2,
/// docs/reference/salesforce.md §1) and the Lead object's API field the Salesforce destination
/// reads back and names in findings, stated once.
public struct SalesforceFields: Sendable {
    /// Each field's form name and API name, in the order the form is posted. `lead_source`
    /// carries the `Source-Action|offer` string (docs/reference/lead.md §2).
    public static let all: [(field: LeadField, form: String, api: String)] = [
        (.firstName, "first_name", "FirstName"), (.lastName, "last_name", "LastName"), (.email, "email", email),
        (.phone, "phone", "Phone"), (.country, "country", "Country"), (.company, "company", "Company"),
        (.title, "title", "Title"), (.description, "description", description),
        (.leadSource, "lead_source", leadSource),
    ]
    /// The API field read-back, cleanup and reconcile query by.
    public static let email = "Email"
    /// The API field carrying the marker.
    public static let description = "Description"
    /// The API field holding the lead-source string, which names the offer.
    public static let leadSource = "LeadSource"

    /// The Lead object's API field holding `field`, nil for one Web-to-Lead is not sent.
    public static func api(of field: LeadField) -> String? { all.first { $0.field == field }?.api }
}
