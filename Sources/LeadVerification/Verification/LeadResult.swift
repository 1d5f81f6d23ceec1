import LeadModel

/// The outcome of one lead at one destination.
public struct LeadResult: Sendable, Codable, Hashable {
    /// How it went.
    public enum Status: String, Sendable, Codable {
        /// Delivered, read back identical (or delivered, where no read-back exists), cleaned up.
        case passed
        /// The destination answered, wrongly (JUnit `<failure>`).
        case failed
        /// The destination could not be reached (JUnit `<error>`).
        case error
        /// Not attempted: the destination failed its preflight.
        case skipped
    }

    /// The destination's name.
    public var destination: String
    /// The lead's marker.
    public var lead: String
    /// The outcome.
    public var status: Status
    /// What was found for this lead here.
    public var findings: [Finding]
}
