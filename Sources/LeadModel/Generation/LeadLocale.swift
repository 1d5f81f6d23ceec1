/// The locales leadcheck has embedded name, company and phone tables for.
public enum LeadLocale: String, Sendable, Hashable, CaseIterable, Codable {
    /// English, United States.
    case enUS = "en-US"
    /// Japanese, Japan: names in kanji/kana, family name first.
    case jaJP = "ja-JP"
    /// German, Germany.
    case deDE = "de-DE"
    /// French, France.
    case frFR = "fr-FR"
    /// Portuguese, Brazil.
    case ptBR = "pt-BR"

    /// The embedded data for this locale.
    public var table: LocaleTable {
        switch self {
        case .enUS: .enUS
        case .jaJP: .jaJP
        case .deDE: .deDE
        case .frFR: .frFR
        case .ptBR: .ptBR
        }
    }
}
