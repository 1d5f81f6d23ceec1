import LeadModel

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
        appendHead(lead, into: buffer)
        appendSlotMembers(lead, into: buffer)
        appendTail(lead, into: buffer)
    }

    /// Encodes the record, taking the members a plan slot fixes (source to offer) from
    /// `slotPart` once they are known: a stream of leads skips a dozen string escapes per lead
    /// (a seventh of generation time).
    public func encode(_ lead: Lead, into buffer: inout WireBuffer, slotPart: inout [UInt8]?) {
        appendHead(lead, into: buffer)
        if let slotPart {
            buffer.append(contentsOf: slotPart)
        } else {
            let start = buffer.count
            appendSlotMembers(lead, into: buffer)
            slotPart = buffer.bytes(from: start)
        }
        appendTail(lead, into: buffer)
    }

    /// `{"runId":…` through the marker.
    private func appendHead(_ lead: Lead, into buffer: WireBuffer) {
        var comma = true
        buffer.append("{\"runId\":")
        buffer.appendJSONString(lead.runID.value)
        buffer.append(",\"sequence\":")
        buffer.append(decimal: lead.sequence)
        buffer.appendJSONMember("marker", lead.marker, needsComma: &comma)
    }

    /// `,"source":…` through `"customer":`: what the lead's plan slot and generator fix.
    private func appendSlotMembers(_ lead: Lead, into buffer: WireBuffer) {
        var comma = true
        buffer.appendJSONMember("source", lead.pair.source.rawValue, needsComma: &comma)
        buffer.appendJSONMember("action", lead.pair.action.rawValue, needsComma: &comma)
        buffer.appendJSONLeadSourceMember("leadSource", lead, format: leadSourceFormat, needsComma: &comma)
        buffer.append(lead.pair.isDocumented ? ",\"documented\":true" : ",\"documented\":false")
        if lead.pair.isDeprecated { buffer.append(",\"deprecated\":true") }
        buffer.appendJSONMember("variant", lead.variant.rawValue, needsComma: &comma)
        buffer.appendJSONMember("limitEdge", lead.limitEdge?.rawValue, needsComma: &comma)
        buffer.appendJSONMember("descriptionShape", lead.descriptionShape?.rawValue, needsComma: &comma)
        buffer.appendJSONMember("locale", lead.locale.rawValue, needsComma: &comma)
        buffer.append(",\"offer\":{\"id\":")
        buffer.appendJSONString(lead.offer.id)
        buffer.append(",\"title\":")
        buffer.appendJSONString(lead.offer.title)
        buffer.append("},\"customer\":")
    }

    /// The customer object through the closing brace.
    private func appendTail(_ lead: Lead, into buffer: WireBuffer) {
        var comma = true
        buffer.appendCustomerObject(lead.customer, keys: .camel)
        buffer.appendJSONMember("description", lead.description, needsComma: &comma)
        buffer.append(",\"createdTime\":\"")
        buffer.append(iso8601: lead.createdTime)
        buffer.append("\",\"guid\":\"")
        buffer.append(guid: lead.guid)
        buffer.append("\"}")
    }
}
