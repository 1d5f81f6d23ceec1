/// The marketplace offer a lead is about.
public struct Offer: Sendable, Hashable, Codable {
    /// `publisher.offer`, e.g. `contoso.contoso-analytics`.
    public var id: String
    /// The display title (`OfferTitle` / `OfferDisplayName` on the wire).
    public var title: String

    /// Creates an offer without validation; use ``validated(id:title:)`` for user input.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }

    /// The offer leadcheck uses when none is configured.
    public static let example = Offer(id: "contoso.contoso-analytics", title: "Contoso Analytics")

    /// Checks a user-supplied offer: the id must look like Microsoft's `publisherid.offerid`
    /// (a dot, no whitespace, no `|`, which would split `LeadSource`), the title must not be empty.
    public static func validated(
        id: String, title: String, idFlag: String = "--offer", titleFlag: String = "--offer-title"
    ) throws(LeadCheckError) -> Offer {
        let parts = id.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let shapeOK = parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
        let charsOK = !id.unicodeScalars.contains { $0 == "|" || $0.properties.isWhitespace || $0.value < 0x20 }
        guard shapeOK, charsOK else {
            throw .invalidValue(
                flag: idFlag, value: id, expected: "an offer id shaped like publisherid.offerid, with no spaces or '|'")
        }
        guard !title.trimmingWhitespace.isEmpty else {
            throw .invalidValue(flag: titleFlag, value: title, expected: "a non-empty offer title")
        }
        return Offer(id: id, title: title)
    }
}
