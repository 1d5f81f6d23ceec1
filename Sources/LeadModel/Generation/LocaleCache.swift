import Foundation

/// Everything about a locale that does not change from lead to lead, computed once per
/// generator: the filled-in description sentence and the `limits` values, whose padding would
/// otherwise be rebuilt scalar by scalar for every lead. A class, so each lead's factory shares
/// it with one reference count rather than copying (and retaining) every field.
final class LocaleCache: Sendable {
    let table: LocaleTable
    /// The interest sentence with the offer title filled in.
    let sentence: String
    /// `limits` values, one set per edge (index 0 = at, 1 = over).
    let limits: [LimitValues]
    /// A "Contact me" note of whole lines, as long as the strictest Description limit allows.
    let contactMeNote: String

    /// The `limits` values of one edge. A class, so a lead takes one reference rather than
    /// copying (and retaining) every pool.
    final class LimitValues: Sendable {
        /// Each rotation of the given-name pool, fitted; picked by a seeded index.
        let firstNames: [String]
        let lastNames: [String]
        let companies: [String]
        let titles: [String]
        let country: String
        /// A phone pattern (`#` for digits) of exactly the phone limit.
        let phonePattern: String
        /// The email and description lengths this edge aims at (the strictest limit, or one more).
        let emailLimit: Int
        let descriptionLimit: Int
        /// Description padding keyed by the marker's length: the padding is whatever the marker
        /// and one space leave of the limit.
        let descriptionPadding: [Int: String]
        /// The email after its local part (`@xxx….example.com`), keyed by the marker's length:
        /// the padding label takes whatever the local part leaves of the limit.
        let emailTails: [Int: String]

        init(table: LocaleTable, edge: LimitEdge, markerLengths: [Int]) {
            let extra = edge == .over ? 1 : 0
            func target(_ field: LeadField, _ fallback: Int) -> Int {
                (FieldLimits.strictest(field)?.limit ?? fallback) + extra
            }
            func rotations(_ words: [String], _ separator: String, _ field: LeadField) -> [String] {
                words.indices.map { k in
                    CustomerFactory.fit(
                        Array(words[k...] + words[..<k]), separator: separator, length: target(field, 255))
                }
            }
            firstNames = rotations(table.givenNames, " ", .firstName)
            lastNames = rotations(table.familyNames, "-", .lastName)
            companies = rotations(table.companies, " ", .company)
            titles = rotations(table.titles, " / ", .title)
            country = CustomerFactory.fit([table.countryName], separator: " ", length: target(.country, 255))
            phonePattern = CustomerFactory.fit([table.phonePattern], separator: " ", length: target(.phone, 255))
            let emailLimit = target(.email, 80)
            let descriptionLimit = target(.description, 2000)
            self.emailLimit = emailLimit
            self.descriptionLimit = descriptionLimit
            descriptionPadding = Dictionary(
                markerLengths.map { length in
                    (length, Self.padding(table, descriptionLimit: descriptionLimit, markerLength: length))
                }, uniquingKeysWith: { first, _ in first })
            emailTails = Dictionary(
                markerLengths.map { length in
                    (length, CustomerFactory.limitEmailTail(localPartLength: length, length: emailLimit))
                }, uniquingKeysWith: { first, _ in first })
        }

        /// The description padding for a marker of `markerLength` UTF-16 units.
        static func padding(_ table: LocaleTable, descriptionLimit: Int, markerLength: Int) -> String {
            CustomerFactory.fit([table.paddingText], separator: "", length: descriptionLimit - markerLength - 1)
        }
    }

    init(locale: LeadLocale, offer: Offer, markerLengths: [Int]) {
        table = locale.table
        sentence = table.interestSentence.replacingOccurrences(of: "{offer}", with: offer.title)
        limits = LimitEdge.allCases.map { [table] edge in
            LimitValues(table: table, edge: edge, markerLengths: markerLengths)
        }
        contactMeNote = Self.note(sentence: sentence, limit: FieldLimits.strictest(.description)?.limit ?? 2000)
    }

    /// `Contact me` then the sentence on line after line (CRLF, as a web form posts it) while
    /// the whole stays within `limit` UTF-16 units.
    static func note(sentence: String, limit: Int) -> String {
        var note = "Contact me"
        while note.utf16.count + 2 + sentence.utf16.count <= limit { note += "\r\n" + sentence }
        return note
    }

    /// The `limits` values for an edge.
    func limitValues(_ edge: LimitEdge) -> LimitValues { limits[edge == .at ? 0 : 1] }
}
