/// A named family of customer data, each aimed at a class of destination bug.
public enum LeadVariant: String, Sendable, Hashable, CaseIterable, Codable {
    /// Plausible data in the locale's language.
    case typical
    /// Some customer fields absent (absent, not empty): "not all data is always available".
    case partial
    /// Hard scripts and code points: kanji outside the BMP, half-width kana, combining marks,
    /// RTL, emoji. Finds mojibake and normalisation.
    case unicode
    /// Every field at, and one over, the strictest destination's limit. Finds truncation.
    case limits
    /// Apostrophes (O'Brien), `&`, `<script>`, a leading `=`, newlines, backslashes, quotes.
    /// Finds escaping bugs in OData, SOQL, CSV exports and flows.
    case hostile
    /// Microsoft's own Validate lead, exactly as the reference shows it (docs/reference/lead.md §2),
    /// with a `MSFT_TEST_<ticks>` token of leadcheck's as the run's marker.
    case msftTest = "msft-test"
    /// Typical customers with Description as real rows carry it: absent, `""`, `" "`,
    /// `"Campaigns: "`, a long multi-line note (one lead per ``DescriptionShape``).
    case descriptions

    /// How many leads one plan slot of this variant yields: `limits` yields one at and one over.
    public var edges: [LimitEdge?] {
        self == .limits ? [.at, .over] : [nil]
    }

    /// The Description shapes one plan slot yields: every one for `descriptions`.
    public var descriptionShapes: [DescriptionShape?] {
        self == .descriptions ? DescriptionShape.allCases : [nil]
    }

    /// Where the variant's shape comes from, for reports: what Microsoft documents, what a
    /// third party reported, or what leadcheck infers to find a class of bug.
    public var evidence: String {
        switch self {
        case .typical, .partial:
            "documented (Microsoft's customer-leads page: the seven customer fields, \"not all the data is always available\")"
        case .msftTest: "documented (the Validate lead, Microsoft's lead management FAQ)"
        case .unicode, .limits, .hostile: "inferred (robustness cases, not seen in Microsoft's leads)"
        case .descriptions: "mixed: see the lead's description shape"
        }
    }
}
