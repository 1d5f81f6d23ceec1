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

    /// The `limits` values of one edge.
    struct LimitValues: Sendable {
        /// Each rotation of the given-name pool, fitted; picked by a seeded index.
        let firstNames: [String]
        let lastNames: [String]
        let companies: [String]
        let titles: [String]
        let country: String
        /// A phone pattern (`#` for digits) of exactly the phone limit.
        let phonePattern: String
        /// Description padding keyed by the marker's length: the padding is whatever the marker
        /// and one space leave of the limit.
        let descriptionPadding: [Int: String]
        /// The email after its local part (`@xxx….example.com`), keyed by the marker's length:
        /// the padding label takes whatever the local part leaves of the limit.
        let emailTails: [Int: String]
    }

    init(locale: LeadLocale, offer: Offer, markerLengths: [Int]) {
        table = locale.table
        sentence = table.interestSentence.replacingOccurrences(of: "{offer}", with: offer.title)
        limits = LimitEdge.allCases.map { [table] edge in
            let extra = edge == .over ? 1 : 0
            func target(_ field: LeadField) -> Int { (FieldLimits.strictest(field)?.limit ?? 255) + extra }
            func rotations(_ words: [String], _ separator: String, _ field: LeadField) -> [String] {
                words.indices.map { k in
                    CustomerFactory.fit(Array(words[k...] + words[..<k]), separator: separator, length: target(field))
                }
            }
            let descriptionLimit = target(.description)
            return LimitValues(
                firstNames: rotations(table.givenNames, " ", .firstName),
                lastNames: rotations(table.familyNames, "-", .lastName),
                companies: rotations(table.companies, " ", .company),
                titles: rotations(table.titles, " / ", .title),
                country: CustomerFactory.fit([table.countryName], separator: " ", length: target(.country)),
                phonePattern: CustomerFactory.fit([table.phonePattern], separator: " ", length: target(.phone)),
                descriptionPadding: Dictionary(markerLengths.map { length in
                    (length, CustomerFactory.fit([table.paddingText], separator: "", length: descriptionLimit - length - 1))
                }, uniquingKeysWith: { first, _ in first }),
                emailTails: Dictionary(markerLengths.map { length in
                    (length, CustomerFactory.limitEmailTail(localPartLength: length, length: (FieldLimits.strictest(.email)?.limit ?? 80) + extra))
                }, uniquingKeysWith: { first, _ in first })
            )
        }
    }

    /// The `limits` values for an edge.
    func limitValues(_ edge: LimitEdge) -> LimitValues { limits[edge == .at ? 0 : 1] }
}
