/// A secret value: a client secret, account key, token or password.
///
/// Its `description` never shows the value, so interpolating one into a message, a log line or a
/// report is safe by construction; `reveal()` is the one explicit way to the text, used where the
/// value must go on the wire.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Where the value came from, e.g. the environment variable `LEADCHECK_SF_SECRET`; used by
    /// `--curl` to print `$LEADCHECK_SF_SECRET` in its place.
    public let source: String
    private let value: String

    /// Wraps a value.
    public init(_ value: String, source: String) {
        self.value = value
        self.source = source
    }

    /// The value, for putting on the wire. Never print it.
    public func reveal() -> String { value }

    /// `<secret from SOURCE>`.
    public var description: String { "<secret from \(source)>" }

    /// Same as `description`.
    public var debugDescription: String { description }
}
