/// A `--fault` spec that could not be parsed; the message lists what is valid.
public struct FaultSpecError: Error, Sendable, CustomStringConvertible {
    /// The spec as given.
    public let spec: String
    /// What was wrong.
    public let reason: String

    /// `fault 'x': reason`.
    public var description: String { "fault '\(spec)': \(reason)" }
}
