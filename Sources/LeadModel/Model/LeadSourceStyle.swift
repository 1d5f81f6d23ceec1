/// How the `Source-Action|offer` string is punctuated.
///
/// Microsoft's own test lead writes it with no spaces; the docs' prose writes ` | `. Compact is
/// canonical (docs/reference/lead.md §2).
public enum LeadSourceStyle: String, Sendable, Hashable, CaseIterable, Codable {
    /// `AzureMarketplace-INS|publisher.offer`
    case compact
    /// `AzureMarketplace-INS | publisher.offer`
    case spaced
}
