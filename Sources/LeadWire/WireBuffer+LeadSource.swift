import LeadModel

extension WireBuffer {
    /// Appends a lead's `LeadSource` as a quoted JSON string, piece by piece, so the hot path
    /// never builds the String; the result is byte-identical to `appendJSONString(content.value(…))`.
    public func appendJSONLeadSource(_ lead: Lead, format: LeadSourceFormat, content: LeadSourceContent = .full) {
        append(byte: UInt8(ascii: "\""))
        appendJSONEscaped(lead.pair.source.wireToken(appSource: format.appSource))
        if content == .full {
            append(byte: UInt8(ascii: "-"))
            append(lead.pair.action.rawValue)
            append(format.style == .compact ? "|" : " | ")
            appendJSONEscaped(lead.offer.id)
        }
        append(byte: UInt8(ascii: "\""))
    }

    /// Appends `,"key":"<LeadSource>"` (comma as `needsComma` says).
    public func appendJSONLeadSourceMember(
        _ key: StaticString, _ lead: Lead, format: LeadSourceFormat, content: LeadSourceContent = .full,
        needsComma: inout Bool
    ) {
        if needsComma { append(byte: UInt8(ascii: ",")) }
        needsComma = true
        appendJSONKey(key)
        appendJSONLeadSource(lead, format: format, content: content)
    }
}
