import Foundation

/// Compares what was sent with what a destination stored, field by field, by Unicode scalars
/// (never canonical equivalence), and names the way they differ.
public enum FieldComparator {
    /// How a stored value relates to the sent one.
    public enum Outcome: Sendable, Equatable {
        /// Identical (or both absent).
        case same
        /// Sent, but nothing stored.
        case missing
        /// The stored value is a strict prefix of the sent one.
        case truncated(sentLength: Int, storedLength: Int)
        /// UTF-8 read as Latin-1 (mojibake) or re-normalised (NFC/NFD) on the way.
        case mangled(how: String)
        /// Something else.
        case changed
    }

    /// Compares one field.
    public static func compare(sent: String?, stored: String?) -> Outcome {
        let storedValue = stored ?? ""
        guard let sent, !sent.isEmpty else { return .same }
        if storedValue.isEmpty { return .missing }
        let a = Array(sent.unicodeScalars), b = Array(storedValue.unicodeScalars)
        if a == b { return .same }
        if b.count < a.count, Array(a.prefix(b.count)) == b {
            return .truncated(sentLength: sent.utf16.count, storedLength: storedValue.utf16.count)
        }
        let latin1 = String(sent.utf8.map { Character(Unicode.Scalar($0)) })
        let mojibake = Array(latin1.unicodeScalars)
        if mojibake == b || (b.count < mojibake.count && Array(mojibake.prefix(b.count)) == b) {
            return .mangled(how: "UTF-8 bytes were read as Latin-1 (mojibake)")
        }
        if sent.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(storedValue.precomposedStringWithCanonicalMapping.unicodeScalars) {
            return .mangled(how: "the text was re-normalised (NFC/NFD), changing its code points")
        }
        return .changed
    }

    /// Findings for a whole lead: every field that differs.
    public static func findings(destination: String, lead: Lead, stored: [LeadField: String?], limits: DestinationKind) -> [Finding] {
        var out: [Finding] = []
        for field in LeadField.allCases {
            guard let storedValue = stored[field] else { continue }
            let sent: String? = field.customerField.map { lead.customer[$0] } ?? (field == .description ? lead.description : nil)
            switch compare(sent: sent, stored: storedValue) {
            case .same:
                continue
            case .missing:
                out.append(Finding(code: .fieldMissing, destination: destination, lead: lead.marker, field: field.rawValue,
                                   message: "\(field.rawValue) was sent but the stored record has none",
                                   hint: "Check the field mapping of the destination (or of the flow behind it) for \(field.rawValue)."))
            case let .truncated(sentLength, storedLength):
                let limit = FieldLimits.limit(of: field, at: limits)
                out.append(Finding(code: .fieldTruncated, destination: destination, lead: lead.marker, field: field.rawValue,
                                   message: "\(field.rawValue) was cut from \(sentLength) to \(storedLength) characters" + (limit.map { " (\(limits.rawValue) stores at most \($0))" } ?? ""),
                                   hint: limit.map { "The destination stores at most \($0) characters here; widen the field or expect truncated leads." }
                                       ?? "Something on the way cuts this field; widen it where it is stored.",
                                   evidence: "stored length \(storedLength)"))
            case let .mangled(how):
                out.append(Finding(code: .fieldMangled, destination: destination, lead: lead.marker, field: field.rawValue,
                                   message: "\(field.rawValue) was mangled: \(how)",
                                   hint: "Make every step that handles the lead read and write UTF-8 (a flow's Compose/Parse JSON step or a CSV export is the usual culprit).",
                                   evidence: String(storedValue?.prefix(120) ?? "")))
            case .changed:
                out.append(Finding(code: .fieldChanged, destination: destination, lead: lead.marker, field: field.rawValue,
                                   message: "\(field.rawValue) was stored with a different value",
                                   hint: "Check what rewrites \(field.rawValue) between Microsoft and the stored record (a flow expression, a workflow rule, a trigger).",
                                   evidence: String(storedValue?.prefix(120) ?? "")))
            }
        }
        return out
    }
}
