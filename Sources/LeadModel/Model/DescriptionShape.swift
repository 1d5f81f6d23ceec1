/// How a `descriptions` lead's Description comes, as real rows show it. The marker stays in the
/// email's local part, so read-back and cleanup find the lead whatever its Description.
public enum DescriptionShape: String, Sendable, Hashable, CaseIterable, Codable {
    /// No Description key at all: the 2019–2020 HTTPS schema had none (docs/reference/https-endpoint.md §1).
    case absent
    /// `""` [INF].
    case empty
    /// `" "`: seen in a partner's Azure Table rows ([3P] azure-docs #70675).
    case blank
    /// `"Campaigns: "`: seen in the same rows ([3P] azure-docs #70675).
    case campaigns
    /// A multi-line "Contact me" note as long as the strictest destination stores (Dataverse's
    /// 2,000 characters) [INF].
    case contactMe = "contact-me"

    /// Where the shape comes from, for reports.
    public var evidence: String {
        switch self {
        case .absent: "documented (the 2019–2020 HTTPS schema has no Description)"
        case .empty, .contactMe: "inferred"
        case .blank, .campaigns: "third-party report (azure-docs #70675)"
        }
    }
}
