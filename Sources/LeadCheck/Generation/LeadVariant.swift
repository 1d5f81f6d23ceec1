/// A named family of customer data, each aimed at a class of destination bug (DESIGN §3).
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
    /// The exact shape of Microsoft's own Validate lead, with leadcheck's marker as the token.
    case msftTest = "msft-test"

    /// How many leads one plan slot of this variant yields: `limits` yields one at and one over.
    public var edges: [LimitEdge?] {
        self == .limits ? [.at, .over] : [nil]
    }
}
