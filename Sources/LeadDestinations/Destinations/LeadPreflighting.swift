import LeadModel

/// Checks a destination before any lead is sent (`verify`, `send`).
public protocol LeadPreflighting: NamedDestination {
    /// Checks reachability and credentials; any error finding skips this destination's leads.
    func preflight() async -> [Finding]

    /// What the destination's configuration shows before anything is sent (the static check of
    /// an HTTPS endpoint's flow); these findings never skip delivery.
    func configurationFindings() -> [Finding]

    /// What the preflight measured on its fresh connection; nil before preflight or when it
    /// could not connect.
    var connectionFacts: ConnectionFacts? { get }
}

extension LeadPreflighting {
    /// Nothing to check in most configurations.
    public func configurationFindings() -> [Finding] { [] }

    /// Nothing measured.
    public var connectionFacts: ConnectionFacts? { nil }
}
