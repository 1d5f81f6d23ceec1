/// The JSON body Microsoft POSTs to an HTTPS endpoint (reference notes §1.1): `UserDetails`,
/// `LeadSource`, `ActionCode`, `OfferTitle`, `Description`, in the documented example's order,
/// all strings, no whitespace.
public struct HTTPSLeadEncoder: LeadEncoder {
    /// Casing, lead-source content and absent-field choices.
    public var options: HTTPSWireOptions
    /// How the full lead-source string is spelled, when `options.leadSource` is `.full`.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(options: HTTPSWireOptions = HTTPSWireOptions(), leadSourceFormat: LeadSourceFormat = LeadSourceFormat()) {
        self.options = options
        self.leadSourceFormat = leadSourceFormat
    }

    /// The `LeadSource` value this encoder writes for a lead.
    public func leadSourceValue(_ lead: Lead) -> String { options.leadSource.value(for: lead, format: leadSourceFormat) }

    /// Encodes the lead.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        let c = lead.customer
        let pascal = options.keyCase == .pascal
        let user: [(key: StaticString, value: String?)]
        let rest: [(key: StaticString, value: String?)]
        if pascal {
            user = [("FirstName", c.firstName), ("LastName", c.lastName), ("Email", c.email), ("Phone", c.phone),
                    ("Country", c.country), ("Company", c.company), ("Title", c.title)]
            rest = [("LeadSource", leadSourceValue(lead)), ("ActionCode", lead.pair.action.rawValue),
                    ("OfferTitle", lead.offer.title), ("Description", lead.description)]
        } else {
            user = [("firstName", c.firstName), ("lastName", c.lastName), ("email", c.email), ("phone", c.phone),
                    ("country", c.country), ("company", c.company), ("title", c.title)]
            rest = [("leadSource", leadSourceValue(lead)), ("actionCode", lead.pair.action.rawValue),
                    ("offerTitle", lead.offer.title), ("description", lead.description)]
        }
        buffer.append(pascal ? "{\"UserDetails\":" : "{\"userDetails\":")
        buffer.appendJSONObject(user, absent: options.absentFields)
        buffer.appendJSONMembers(rest, leadingComma: true)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
