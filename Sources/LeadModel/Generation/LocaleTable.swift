/// The embedded data one locale draws from. No data file is read and nothing is fetched at run
/// time, so generation works offline and is byte-stable.
public struct LocaleTable: Sendable {
    /// The full-name order, used wherever a display name is composed.
    public var nameOrder: NameOrder
    /// Common given names, in the locale's script.
    public var givenNames: [String]
    /// Common family names, in the locale's script.
    public var familyNames: [String]
    /// Fictitious companies with the locale's legal-form suffixes.
    public var companies: [String]
    /// Job titles in the locale's language.
    public var titles: [String]
    /// A phone number pattern; each `#` becomes a digit.
    public var phonePattern: String
    /// ISO 3166 alpha-2 country code, as in Microsoft's test lead (`US`).
    public var country: String
    /// The country's name in the locale's language, for `limits` padding.
    public var countryName: String
    /// Harder given names: diacritics, compatibility characters, non-BMP ideographs.
    public var unicodeGivenNames: [String]
    /// Harder family names.
    public var unicodeFamilyNames: [String]
    /// Harder company names.
    public var unicodeCompanies: [String]
    /// A sentence for Description, in the locale's language; `{offer}` is replaced.
    public var interestSentence: String
    /// Basic Multilingual Plane text without combining marks, for `limits` padding, so that
    /// characters, scalars and UTF-16 units all count the same.
    public var paddingText: String
}
