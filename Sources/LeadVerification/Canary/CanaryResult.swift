import LeadModel

/// One destination's canary: whether it took Microsoft's Validate-shaped lead and gave it back
/// intact, how long that took, what it cost, and what was found.
public struct CanaryResult: Sendable, Hashable, Codable {
    /// The destination's configured name.
    public var destination: String
    /// Its kind (`https`, `azure-table`, …).
    public var type: String
    /// Whether it passed: no error finding.
    public var up: Bool
    /// Wall time of its check, in seconds.
    public var durationSeconds: Double
    /// API calls its check made.
    public var apiCalls: Int
    /// When its TLS certificate expires (seconds since 1970), when it was seen.
    public var certificateExpiry: Int64?
    /// Its error findings' codes and hints (for the state file and notifications).
    public var problems: [Problem]

    /// A finding, as the canary keeps it.
    public struct Problem: Sendable, Hashable, Codable {
        public var code: String
        public var hint: String

        /// Creates a problem.
        public init(code: String, hint: String) {
            self.code = code
            self.hint = hint
        }
    }

    /// Creates a result.
    public init(
        destination: String, type: String, up: Bool, durationSeconds: Double, apiCalls: Int, certificateExpiry: Int64?,
        problems: [Problem]
    ) {
        self.destination = destination
        self.type = type
        self.up = up
        self.durationSeconds = durationSeconds
        self.apiCalls = apiCalls
        self.certificateExpiry = certificateExpiry
        self.problems = problems
    }
}
