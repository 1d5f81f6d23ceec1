/// The Dataverse `lead` record the tool POSTs to `/api/data/v9.2/leads` (reference notes §3.1
/// mapping, which is [INF]; §3.2 logical names). Absent fields are left out: Web API leaves
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
        buffer.append(byte: UInt8(ascii: "{"))
        buffer.appendJSONMembers(
            [("firstname", c.firstName), ("lastname", c.lastName), ("emailaddress1", c.email), ("telephone1", c.phone),
             ("address1_country", c.country), ("companyname", c.company), ("jobtitle", c.title),
             ("description", lead.description), ("subject", lead.leadSource(leadSourceFormat))],
            leadingComma: false
        )
        buffer.append(",\"leadsourcecode\":")
        buffer.append(decimal: options.leadSourceCode)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
