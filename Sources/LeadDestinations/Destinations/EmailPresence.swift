import Foundation
import LeadModel

/// Which of some emails a destination holds a lead for (`reconcile`): real leads, matched by
/// email, plus the offer where the store keeps it — Partner Center's export shares no other id
/// with the destination (docs/reference/partner-center.md §3).
public enum EmailPresence: Sendable {
    /// By lowercased email, the offer-bearing text of each lead stored for it (its lead source,
    /// `Source-Action|Offer`, or offer title), so a contact's older lead for another offer does
    /// not hide a lost one; an empty list when the store keeps no such text.
    case found([String: [String]])
    /// The destination could not be read.
    case failed([Finding])
    /// This destination cannot be looked up by email (an HTTPS endpoint without `readback:`).
    case unsupported(String)

    /// Lowercased and trimmed, as emails are compared.
    static func key(_ email: String) -> String { email.trimmingCharacters(in: .whitespaces).lowercased() }

    /// `records` by their lowercased email at `column`, each with its non-empty values at `offerColumns`.
    static func leads(_ records: [JSONObject], column: String, offerColumns: [String]) -> [String: [String]] {
        var found: [String: [String]] = [:]
        for record in records {
            guard let email = record[column]?.string.map(key) else { continue }
            found[email, default: []] += offerColumns.compactMap { record[$0]?.string }.filter { !$0.isEmpty }
        }
        return found
    }

    /// Whether `found` holds a lead for `email` and, when `offer` is known and the store kept
    /// offer text for that email, one whose text names the offer.
    public static func holds(_ found: [String: [String]], email: String, offer: String?) -> Bool {
        guard let texts = found[key(email)] else { return false }
        guard let offer = offer?.trimmingCharacters(in: .whitespaces), !offer.isEmpty, !texts.isEmpty else {
            return true
        }
        // Letters and digits only, lowercased: a lead source may carry the offer as its name
        // ("Contoso Analytics") or as the id Microsoft derives from it ("contoso.contoso-analytics").
        func letters(_ text: String) -> String {
            String(
                text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        }
        let wanted = letters(offer)
        return texts.contains { letters($0).contains(wanted) }
    }
}
