/// How bad a finding is. Warnings do not fail a run unless `--strict`.
public enum FindingSeverity: String, Sendable, Codable {
    /// The run fails.
    case error
    /// Worth fixing; fails only with `--strict`.
    case warning
}
