/// Why a file could not be loaded as a flow definition.
public struct FlowLoadError: Error, Sendable {
    /// What was wrong, naming what was expected.
    public let reason: String
    init(_ reason: String) { self.reason = reason }
}
