/// How AppSource is spelled inside `LeadSource`.
///
/// The docs write `AppSource (SPZA)`; a community post quoting the older Cloud Partner Portal doc
/// gives `SPZA`. Which one Microsoft sends today is unverified (docs/reference/lead.md §1, [INF]), so
/// all three are selectable and `SPZA` is the default.
public enum AppSourceToken: String, Sendable, Hashable, CaseIterable, Codable {
    /// `SPZA` — the default.
    case spza = "SPZA"
    /// `AppSource (SPZA)` — the docs' prose form.
    case appSourceSPZA = "AppSource (SPZA)"
    /// `AppSource`.
    case appSource = "AppSource"
}
