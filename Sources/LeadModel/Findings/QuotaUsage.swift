/// How much of a destination's daily allowance a run spent (Salesforce: Web-to-Lead
/// submissions of the 500 a day, shared with the org's real leads).
public struct QuotaUsage: Sendable, Codable, Hashable {
    /// Used by this run.
    public var used: Int
    /// The allowance.
    public var limit: Int
    /// What is counted, e.g. "Web-to-Lead submissions per day".
    public var unit: String

    /// Creates a usage figure.
    public init(used: Int, limit: Int, unit: String) {
        self.used = used
        self.limit = limit
        self.unit = unit
    }

    /// `6 of 500 Web-to-Lead submissions per day`.
    public var text: String { "\(used) of \(limit) \(unit)" }
}
