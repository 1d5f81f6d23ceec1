import LeadModel
/// The Dataverse `lead` record the tool POSTs to `/api/data/v9.2/leads` (docs/reference/dynamics.md §1
/// mapping, which is [INF]; §2 logical names). Absent fields are left out: Web API leaves
/// unset columns null.
public struct DynamicsLeadEncoder: LeadEncoder {
    /// The `leadsourcecode` choice.
    public var options: DynamicsWireOptions
    /// How the `subject` (the lead-source text) is spelled.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(options: DynamicsWireOptions = DynamicsWireOptions(), leadSourceFormat: LeadSourceFormat = LeadSourceFormat()) {
        self.options = options
        self.leadSourceFormat = leadSourceFormat
    }

    /// Encodes the record.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        let c = lead.customer
        var comma = false
        buffer.append(byte: UInt8(ascii: "{"))
        buffer.appendJSONMember("firstname", c.firstName, needsComma: &comma)
        buffer.appendJSONMember("lastname", c.lastName, needsComma: &comma)
        buffer.appendJSONMember("emailaddress1", c.email, needsComma: &comma)
        buffer.appendJSONMember("telephone1", c.phone, needsComma: &comma)
        buffer.appendJSONMember("address1_country", c.country, needsComma: &comma)
        buffer.appendJSONMember("companyname", c.company, needsComma: &comma)
        buffer.appendJSONMember("jobtitle", c.title, needsComma: &comma)
        buffer.appendJSONMember("description", lead.description, needsComma: &comma)
        buffer.appendJSONLeadSourceMember("subject", lead, format: leadSourceFormat, needsComma: &comma)
        buffer.append(",\"leadsourcecode\":")
        buffer.append(decimal: options.leadSourceCode)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
