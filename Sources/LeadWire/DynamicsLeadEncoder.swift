import LeadModel

/// The Dataverse `lead` record the tool POSTs to `/api/data/v9.2/leads`, in the columns of
/// ``DynamicsColumns`` (docs/reference/dynamics.md §1 mapping, which is [INF]; §2 logical
/// names). Absent fields are left out: Web API leaves unset columns null.
public struct DynamicsLeadEncoder: LeadEncoder {
    /// The `leadsourcecode` choice.
    public var options: DynamicsWireOptions
    /// How the `subject` (the lead-source text) is spelled.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(
        options: DynamicsWireOptions = DynamicsWireOptions(), leadSourceFormat: LeadSourceFormat = LeadSourceFormat()
    ) {
        self.options = options
        self.leadSourceFormat = leadSourceFormat
    }

    /// Encodes the record.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        var comma = false
        buffer.append(byte: UInt8(ascii: "{"))
        for (name, field) in DynamicsColumns.text {
            if field == .leadSource {
                buffer.appendJSONLeadSourceMember(name, lead, format: leadSourceFormat, needsComma: &comma)
            } else {
                let value = field.customerField.map { lead.customer[$0] } ?? lead.description
                buffer.appendJSONMember(name, value, needsComma: &comma)
            }
        }
        buffer.append(",\"")
        buffer.append(DynamicsColumns.leadSourceCode)
        buffer.append("\":")
        buffer.append(decimal: options.leadSourceCode)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
