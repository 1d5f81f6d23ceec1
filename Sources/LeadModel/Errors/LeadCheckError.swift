/// An error `leadcheck` reports to its user: a stable machine code, a human message and the exit
/// status it maps to.
///
/// Modelled on async-http-client's and Hummingbird's errors: a struct over a private enum, so new
/// cases can be added without breaking callers that switch on `code`.
public struct LeadCheckError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case invalidChoice
        case invalidNumber
        case invalidValue
        case outputUnwritable
        case outputClosed
        case inputUnreadable
        case invalidInput
        case transport
    }

    private let kind: Kind
    /// What went wrong, for a person: names the flag, file or value at fault.
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The stable code, e.g. `usage.invalid-choice`; documented and safe to match on.
    public var code: String {
        switch kind {
        case .invalidChoice: "usage.invalid-choice"
        case .invalidNumber: "usage.invalid-number"
        case .invalidValue: "usage.invalid-value"
        case .outputUnwritable: "output.unwritable"
        case .outputClosed: "output.closed"
        case .inputUnreadable: "input.unreadable"
        case .invalidInput: "input.invalid"
        case .transport: "transport.failed"
        }
    }

    /// The process exit status this error ends a command with.
    public var exitStatus: ExitStatus {
        switch kind {
        case .invalidChoice, .invalidNumber, .invalidValue: .usage
        case .outputUnwritable, .outputClosed, .inputUnreadable, .invalidInput: .input
        case .transport: .runtime
        }
    }

    /// `code: message`, the form printed on stderr.
    public var description: String { "\(code): \(message)" }

    /// A flag was given a value outside its fixed set of choices.
    public static func invalidChoice(flag: String, value: String, valid: [String]) -> Self {
        Self(.invalidChoice, "\(flag): unknown value '\(value)'; valid choices are \(valid.joined(separator: ", "))")
    }

    /// A flag expecting a number got something else, or a number out of range.
    public static func invalidNumber(flag: String, value: String, expected: String) -> Self {
        Self(.invalidNumber, "\(flag): '\(value)' is not \(expected)")
    }

    /// A flag's value has the right type but the wrong shape.
    public static func invalidValue(flag: String, value: String, expected: String) -> Self {
        Self(.invalidValue, "\(flag): '\(value)' is not valid; expected \(expected)")
    }

    /// An output file could not be created or written.
    public static func outputUnwritable(path: String, reason: String) -> Self {
        Self(.outputUnwritable, "cannot write output file '\(path)': \(reason)")
    }

    /// Standard output was closed by the reader (e.g. `| head`); the command stops quietly.
    public static var outputClosed: Self { Self(.outputClosed, "standard output was closed by the reader") }

    /// Whether this is the quiet "reader went away" stop rather than a failure.
    public var isOutputClosed: Bool { kind == .outputClosed }

    /// An input file could not be opened or read.
    public static func inputUnreadable(path: String, reason: String) -> Self {
        Self(.inputUnreadable, "cannot read input file '\(path)': \(reason)")
    }

    /// An input file was read but its content is wrong; `location` names where (file:line).
    public static func invalidInput(location: String, reason: String) -> Self {
        Self(.invalidInput, "\(location): \(reason)")
    }

    /// libcurl could not be set up at all (not a per-request failure; those are findings).
    public static func transport(_ reason: String) -> Self {
        Self(.transport, reason)
    }
}
