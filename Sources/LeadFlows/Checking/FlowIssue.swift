import LeadFlowFiles
import LeadModel

/// One thing the static check found in a flow definition: a finding code, where (a JSON pointer
/// into the exported file), what a real lead meets there, and the fix.
public struct FlowIssue: Sendable, Hashable, Codable {
    /// The finding code.
    public let code: FindingCode
    /// Error (loses leads) or warning.
    public let severity: FindingSeverity
    /// The file (and archive entry) the definition came from.
    public let origin: String
    /// The JSON pointer into that document.
    public let pointer: String
    /// What happens to a lead there.
    public let message: String
    /// What to change.
    public let hint: String
    /// An example lead that meets it, when it depends on the lead.
    public let example: String?

    /// Creates an issue.
    public init(
        code: FindingCode, severity: FindingSeverity = .error, origin: String, pointer: JSONPointer,
        message: String, hint: String, example: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.origin = origin
        self.pointer = pointer.description
        self.message = message
        self.hint = hint
        self.example = example
    }

    /// The issue as a verification finding of destination `destination`.
    public func finding(destination: String) -> Finding {
        Finding(
            code: code, severity: severity, destination: destination, message: message, hint: hint,
            evidence: "\(origin)#\(pointer)" + (example.map { "; e.g. \($0)" } ?? ""))
    }
}
