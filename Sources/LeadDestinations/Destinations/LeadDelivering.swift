import LeadModel
import LeadWire

/// Delivers leads exactly as Microsoft's connector does (`send`, `verify`, `reconcile
/// --deliver`). Problems are findings, not throws: a run collects them all.
public protocol LeadDelivering: NamedDestination {
    /// Delivers a lead; the receipt identifies what was stored.
    func deliver(_ lead: Lead) async -> Delivery

    /// The receipt a lead will have once delivered, known before sending so the journal can
    /// record it first.
    func receipt(for lead: Lead) -> Receipt

    /// The value of each field exactly as this destination was sent it for `lead`: what a
    /// read-back is compared with.
    func delivered(_ lead: Lead) -> [LeadField: String]

    /// The key casing of the JSON payload, for destinations where Microsoft's casing matters
    /// (HTTPS endpoints); reports say which was sent.
    var payloadCase: JSONKeyCase? { get }

    /// The HTTP requests this destination has made (token, API and delivery calls alike): what
    /// a run spends of the service's API allowance.
    var apiCalls: Int { get }

    /// What the run spent of a daily allowance, where the destination has one.
    var usage: QuotaUsage? { get }
}

extension LeadDelivering {
    /// A payload whose casing is fixed by the service's API.
    public var payloadCase: JSONKeyCase? { nil }

    /// No allowance to report.
    public var usage: QuotaUsage? { nil }
}
