import LeadModel

/// Reads back what a destination stored, to compare it with what was sent (`verify`, and an
/// HTTPS endpoint's `readback:` store).
public protocol LeadReadingBack: NamedDestination {
    /// Whether stored leads are read back and compared; when false, acceptance of the delivery
    /// is the whole proof and reports must say so.
    var readsBack: Bool { get }

    /// Reads back what the destination stored for a delivered lead.
    func readBack(_ lead: Lead, receipt: Receipt) async -> ReadBack

    /// Reads back several delivered leads (at most ``NamedDestination/batchLimit``), one answer
    /// per lead in order.
    func readBack(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack]

    /// Looks a lead up by its marker alone, for when something else (an HTTPS endpoint's flow)
    /// wrote it here with keys leadcheck does not know.
    func find(marker: String) async -> ReadBack

    /// Where this destination keeps a field, in its own terms (`subject`, `OfferDisplayName`),
    /// for findings.
    func column(of field: LeadField) -> String

    /// The records stored here since `since` without a leadcheck marker — blank ones (a flow
    /// reading keys the payload lacks) and ones with values (a flow keeping neither email nor
    /// Description); nil when this destination cannot tell.
    func unmarkedRecords(since: LeadTimestamp) async -> UnmarkedRecords?

    /// Whether each lead's run in the flow behind the endpoint is followed to its end (`run:`).
    var followsRuns: Bool { get }
}

extension LeadReadingBack {
    /// One lead after the other.
    public func readBack(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack] {
        await readBackOneByOne(batch)
    }

    /// Reads each lead of a batch with its own call.
    public func readBackOneByOne(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack] {
        var answers: [ReadBack] = []
        for item in batch { answers.append(await readBack(item.lead, receipt: item.receipt)) }
        return answers
    }

    /// The field's own name.
    public func column(of field: LeadField) -> String { field.rawValue }

    /// Cannot tell.
    public func unmarkedRecords(since: LeadTimestamp) async -> UnmarkedRecords? { nil }

    /// No flow runs to follow.
    public var followsRuns: Bool { false }
}
