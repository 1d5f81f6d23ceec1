/// leadcheck's own fixture record (`--format json|ndjson`): everything about a lead, with
/// absent customer fields left out (absent is not "").
///
/// Schema, field by field, in `docs/lead-record.md`.
public struct CanonicalLeadEncoder: LeadEncoder {
    /// How `leadSource` is spelled.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(leadSourceFormat: LeadSourceFormat = LeadSourceFormat()) { self.leadSourceFormat = leadSourceFormat }

    /// Encodes the record.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        let c = lead.customer
        buffer.append("{\"runId\":")
        buffer.appendJSONString(lead.runID.value)
        buffer.append(",\"sequence\":")
        buffer.append(decimal: lead.sequence)
        buffer.appendJSONMembers(
            [("marker", lead.marker), ("source", lead.pair.source.rawValue), ("action", lead.pair.action.rawValue),
             ("leadSource", lead.leadSource(leadSourceFormat))],
            leadingComma: true
        )
        buffer.append(lead.pair.isDocumented ? ",\"documented\":true" : ",\"documented\":false")
        buffer.appendJSONMembers(
            [("variant", lead.variant.rawValue), ("limitEdge", lead.limitEdge?.rawValue), ("locale", lead.locale.rawValue)],
            leadingComma: true
        )
        buffer.append(",\"offer\":")
        buffer.appendJSONObject([("id", lead.offer.id), ("title", lead.offer.title)])
        buffer.append(",\"customer\":")
        buffer.appendJSONObject(
            [("firstName", c.firstName), ("lastName", c.lastName), ("email", c.email), ("phone", c.phone),
             ("country", c.country), ("company", c.company), ("title", c.title)]
        )
        buffer.appendJSONMembers(
            [("description", lead.description), ("createdTime", lead.createdTime.iso8601), ("guid", lead.guid.description)],
            leadingComma: true
        )
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
