import LeadModel
import LeadWire

/// One configured destination, as verification drives it: check it can be reached, deliver a
/// lead exactly as Microsoft's connector does, read back what it stored, remove it.
///
/// Every method reports problems as findings rather than throwing: a run collects them all.
public protocol LeadDestination: Sendable {
    /// The configured name.
    var name: String { get }
    /// The kind.
    var kind: DestinationKind { get }
    /// Whether stored leads are read back and compared; when false, acceptance of the delivery
    /// is the whole proof and reports must say so.
    var readsBack: Bool { get }
    /// Checks reachability and credentials; any error finding skips this destination's leads.
    func preflight() async -> [Finding]
    /// What the destination's configuration shows before anything is sent (the static check of
    /// an HTTPS endpoint's flow); these findings never skip delivery.
    func configurationFindings() -> [Finding]
    /// Delivers a lead; the receipt identifies what was stored.
    func deliver(_ lead: Lead) async -> Delivery
    /// Reads back what the destination stored for a delivered lead.
    func readBack(_ lead: Lead, receipt: Receipt) async -> ReadBack
    /// Looks a lead up by its marker alone, for when something else (an HTTPS endpoint's flow)
    /// wrote it here with keys leadcheck does not know.
    func find(marker: String) async -> ReadBack

    /// Removes the stored lead (known by its marker and receipt, as the journal records them)
    /// and says what that did: only a deleted record is `.removed`.
    func remove(marker: String, receipt: Receipt) async -> Removal

    /// How many leads one read-back or removal call may carry; 1 where the service reads and
    /// deletes one record per call.
    var batchLimit: Int { get }

    /// Reads back several delivered leads (at most ``batchLimit``), one answer per lead in order.
    func readBack(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack]

    /// Removes several stored leads (at most ``batchLimit``), one answer per lead in order.
    func remove(_ batch: [StoredLead]) async -> [Removal]

    /// How long after delivery a lead may still appear: Web-to-Lead and flows store it
    /// asynchronously, so one not found yet may be created later; zero where a stored record is
    /// visible once the write is answered.
    var visibilityWindow: Duration { get }

    /// The HTTP requests this destination has made (token, API and delivery calls alike): what
    /// a run spends of the service's API allowance.
    var apiCalls: Int { get }

    /// Removes every stored record carrying a marker that starts with `markerPrefix` (and
    /// nothing else); returns how many were removed.
    func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding])

    /// The receipt a lead will have once delivered, known before sending so the journal can
    /// record it first.
    func receipt(for lead: Lead) -> Receipt

    /// What the run spent of a daily allowance, where the destination has one.
    var usage: QuotaUsage? { get }

    /// What the preflight measured on its fresh connection; nil before preflight or when it
    /// could not connect.
    var connectionFacts: ConnectionFacts? { get }

    /// The value of each field exactly as this destination was sent it for `lead`: what a
    /// read-back is compared with.
    func delivered(_ lead: Lead) -> [LeadField: String]

    /// Where this destination keeps a field, in its own terms (`subject`, `OfferDisplayName`),
    /// for findings.
    func column(of field: LeadField) -> String

    /// The records stored here since `since` without a leadcheck marker — blank ones (a flow
    /// reading keys the payload lacks) and ones with values (a flow keeping neither email nor
    /// Description); nil when this destination cannot tell.
    func unmarkedRecords(since: LeadTimestamp) async -> UnmarkedRecords?

    /// Which of `emails` this destination holds a lead for (`reconcile`).
    func storedEmails(among emails: [String]) async -> EmailPresence

    /// The key casing of the JSON payload, for destinations where Microsoft's casing matters
    /// (HTTPS endpoints); reports say which was sent.
    var payloadCase: JSONKeyCase? { get }

    /// Whether each lead's run in the flow behind the endpoint is followed to its end (`run:`).
    var followsRuns: Bool { get }
}

extension LeadDestination {
    /// Nothing to check in most configurations.
    public func configurationFindings() -> [Finding] { [] }

    /// One record per call.
    public var batchLimit: Int { 1 }

    /// One lead after the other.
    public func readBack(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack] { await readBackOneByOne(batch) }

    /// Reads each lead of a batch with its own call.
    public func readBackOneByOne(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack] {
        var answers: [ReadBack] = []
        for item in batch { answers.append(await readBack(item.lead, receipt: item.receipt)) }
        return answers
    }

    /// One lead after the other.
    public func remove(_ batch: [StoredLead]) async -> [Removal] {
        var answers: [Removal] = []
        for item in batch { answers.append(await remove(marker: item.marker, receipt: item.receipt)) }
        return answers
    }

    /// Visible at once.
    public var visibilityWindow: Duration { .zero }
}

extension LeadDestination {
    /// No allowance to report.
    public var usage: QuotaUsage? { nil }

    /// Nothing measured.
    public var connectionFacts: ConnectionFacts? { nil }

    /// Cannot tell.
    public func unmarkedRecords(since: LeadTimestamp) async -> UnmarkedRecords? { nil }
    public func storedEmails(among emails: [String]) async -> EmailPresence { .unsupported("\(kind.rawValue) destinations cannot be looked up by email") }

    /// The field's own name.
    public func column(of field: LeadField) -> String { field.rawValue }

    /// A payload whose casing is fixed by the service's API.
    public var payloadCase: JSONKeyCase? { nil }

    /// No flow runs to follow.
    public var followsRuns: Bool { false }
}
