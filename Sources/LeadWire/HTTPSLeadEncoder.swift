import LeadModel

/// The JSON body Microsoft POSTs to an HTTPS endpoint (docs/reference/https-endpoint.md §1): `UserDetails`,
/// `LeadSource`, `ActionCode`, `OfferTitle`, `Description`, in the documented example's order,
/// all strings, no whitespace.
public struct HTTPSLeadEncoder: LeadEncoder {
    /// Casing, lead-source content and absent-field choices.
    public var options: HTTPSWireOptions
    /// How the full lead-source string is spelled, when `options.leadSource` is `.full`.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(options: HTTPSWireOptions = HTTPSWireOptions(), leadSourceFormat: LeadSourceFormat = LeadSourceFormat())
    {
        self.options = options
        self.leadSourceFormat = leadSourceFormat
    }

    /// The `LeadSource` value this encoder writes for a lead.
    public func leadSourceValue(_ lead: Lead) -> String {
        options.leadSource.value(for: lead, format: leadSourceFormat)
    }

    /// Encodes the lead. Microsoft's own test lead has the FAQ's JSON shape whatever the casing
    /// option (docs/reference/lead.md §2 (b), LM-FAQ): `userDetails` with PascalCase members inside,
    /// PascalCase at the top.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        var comma = true
        if lead.variant == .msftTest || options.keyCase == .pascal {
            buffer.append(lead.variant == .msftTest ? "{\"userDetails\":" : "{\"UserDetails\":")
            buffer.appendCustomerObject(lead.customer, keys: .pascal, absent: options.absentFields)
            buffer.appendJSONLeadSourceMember(
                "LeadSource", lead, format: leadSourceFormat, content: options.leadSource, needsComma: &comma)
            buffer.appendJSONMember("ActionCode", lead.pair.action.rawValue, needsComma: &comma)
            buffer.appendJSONMember("OfferTitle", lead.offer.title, needsComma: &comma)
            buffer.appendJSONMember("Description", lead.description, needsComma: &comma)
        } else {
            buffer.append("{\"userDetails\":")
            buffer.appendCustomerObject(lead.customer, keys: .camel, absent: options.absentFields)
            buffer.appendJSONLeadSourceMember(
                "leadSource", lead, format: leadSourceFormat, content: options.leadSource, needsComma: &comma)
            buffer.appendJSONMember("actionCode", lead.pair.action.rawValue, needsComma: &comma)
            buffer.appendJSONMember("offerTitle", lead.offer.title, needsComma: &comma)
            buffer.appendJSONMember("description", lead.description, needsComma: &comma)
        }
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
