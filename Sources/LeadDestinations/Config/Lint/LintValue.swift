/// One configured value as `lint` reads it: the text (nil when a `${VARIABLE}` it names is not
/// set, so the rule cannot look at it) and where it is written (`leadcheck.yaml:12:5`, or a
/// Partner Center document's JSON path).
public struct LintValue: Sendable, Hashable {
    /// The value.
    public var text: String?
    /// Where it is written.
    public var location: String

    /// Creates a value.
    public init(text: String?, location: String) {
        self.text = text
        self.location = location
    }
}
