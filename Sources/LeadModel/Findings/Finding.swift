/// One thing verification found (docs/results.md): a stable code, where, what, how to fix it, and the
/// redacted evidence.
public struct Finding: Sendable, Codable, Hashable {
    /// The stable code.
    public var code: FindingCode
    /// Error or warning.
    public var severity: FindingSeverity
    /// The destination's configured name.
    public var destination: String
    /// The lead's marker, when it is about one lead.
    public var lead: String?
    /// The field, when it is about one field.
    public var field: String?
    /// What happened.
    public var message: String
    /// What to change, in the destination's own words.
    public var hint: String
    /// Redacted evidence: a status line, an error body excerpt, the stored value.
    public var evidence: String?

    /// Creates a finding.
    public init(
        code: FindingCode, severity: FindingSeverity = .error, destination: String, lead: String? = nil,
        field: String? = nil,
        message: String, hint: String, evidence: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.destination = destination
        self.lead = lead
        self.field = field
        self.message = message
        self.hint = hint
        self.evidence = evidence
    }

    /// The same finding under another code (a failed cleanup call reports `cleanup.failed`).
    public func with(code: FindingCode) -> Finding {
        var copy = self
        copy.code = code
        return copy
    }
}
