import LeadModel

/// What every capability of a destination shares: which destination it is, and the two facts
/// about its store that delivery, read-back, removal and lookup all depend on. They live here
/// rather than in each capability so a destination states them once (Swift allows one default
/// per requirement).
public protocol NamedDestination: Sendable {
    /// The configured name.
    var name: String { get }
    /// The kind.
    var kind: DestinationKind { get }

    /// How many leads one read-back or removal call may carry; 1 where the service reads and
    /// deletes one record per call.
    var batchLimit: Int { get }

    /// How long after delivery a lead may still appear: Web-to-Lead and flows store it
    /// asynchronously, so one not found yet may be created later; zero where a stored record is
    /// visible once the write is answered.
    var visibilityWindow: Duration { get }
}

extension NamedDestination {
    /// One record per call.
    public var batchLimit: Int { 1 }

    /// Visible at once.
    public var visibilityWindow: Duration { .zero }
}
