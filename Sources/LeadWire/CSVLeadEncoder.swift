import LeadModel

/// One CSV row per lead (RFC 4180). Absent customer fields are empty cells: CSV cannot tell
/// absent from empty, so use NDJSON where that matters.
public struct CSVLeadEncoder: LeadEncoder {
    /// How `lead_source` is spelled.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(leadSourceFormat: LeadSourceFormat = LeadSourceFormat()) { self.leadSourceFormat = leadSourceFormat }

    /// The header row's column names, in order.
    public static let columns = [
        "run_id", "sequence", "marker", "source", "action", "lead_source", "documented", "deprecated", "variant",
        "limit_edge", "description_shape",
        "locale", "offer_id", "offer_title", "first_name", "last_name", "email", "phone", "country", "company",
        "title", "description", "created_time", "guid",
    ]

    /// Encodes the row, without the line ending.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        let c = lead.customer
        let cells: [String] = [
            lead.runID.value, String(lead.sequence), lead.marker, lead.pair.source.rawValue, lead.pair.action.rawValue,
            lead.leadSource(leadSourceFormat), lead.pair.isDocumented ? "true" : "false",
            lead.pair.isDeprecated ? "true" : "false", lead.variant.rawValue,
            lead.limitEdge?.rawValue ?? "", lead.descriptionShape?.rawValue ?? "", lead.locale.rawValue, lead.offer.id,
            lead.offer.title,
            c.firstName ?? "", c.lastName ?? "", c.email ?? "", c.phone ?? "", c.country ?? "", c.company ?? "",
            c.title ?? "", lead.description ?? "", lead.createdTime.iso8601, lead.guid.description,
        ]
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(byte: UInt8(ascii: ",")) }
            buffer.appendCSVField(cell)
        }
    }
}
