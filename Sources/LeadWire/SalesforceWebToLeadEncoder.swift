import LeadModel

/// The `application/x-www-form-urlencoded` UTF-8 body Microsoft posts to Salesforce's
/// Web-to-Lead servlet: the form fields of ``SalesforceFields``, the field names of the
/// documented test lead (docs/reference/lead.md §2, docs/reference/salesforce.md §1). Absent
/// fields are left out.
public struct SalesforceWebToLeadEncoder: LeadEncoder {
    /// The org id.
    public var options: SalesforceWireOptions
    /// How `lead_source` is spelled.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(
        options: SalesforceWireOptions = SalesforceWireOptions(),
        leadSourceFormat: LeadSourceFormat = LeadSourceFormat()
    ) {
        self.options = options
        self.leadSourceFormat = leadSourceFormat
    }

    /// The form fields in the order they are sent.
    public func fields(_ lead: Lead) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [("oid", options.orgID), ("encoding", "UTF-8")]
        for (field, name, _) in SalesforceFields.all {
            let value =
                field == .leadSource
                ? leadSource(lead) : field.customerField.map { lead.customer[$0] } ?? lead.description
            if let value { fields.append((name, value)) }
        }
        return fields
    }

    /// `lead_source`: `Source-Action|offer`; for Microsoft's own test lead, the token in place of
    /// source and action and the offer's display name: `MSFT_TEST_…-MSFT_TEST_…|<Offer Name>`
    /// (docs/reference/lead.md §2 (a)).
    public func leadSource(_ lead: Lead) -> String {
        lead.variant == .msftTest
            ? "\(lead.marker)-\(lead.marker)|\(lead.offer.title)" : lead.leadSource(leadSourceFormat)
    }

    /// Encodes the form body.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        var ampersand = false
        for field in fields(lead) { buffer.appendFormField(field.name, field.value, needsAmpersand: &ampersand) }
    }
}
