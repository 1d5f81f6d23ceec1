/// Where a `limits` lead's values sit relative to each field's strictest limit.
public enum LimitEdge: String, Sendable, Hashable, CaseIterable, Codable {
    /// Exactly at the limit: every destination must store it whole.
    case at
    /// One character over: the strictest destination must reject or truncate it, and leadcheck
    /// must notice which.
    case over
}
