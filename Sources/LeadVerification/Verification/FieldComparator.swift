import Foundation
import LeadModel

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
        // A blank value (`" "`, as real rows carry Description, azure-docs #70675) that a service
        // stores as nothing loses nothing [INF: Dataverse and Salesforce trim or null blanks].
        if storedValue.isEmpty { return sent.allSatisfy(\.isWhitespace) ? .same : .missing }
        let a = Array(sent.unicodeScalars)
        let b = Array(storedValue.unicodeScalars)
        if a == b { return .same }
        if b.count < a.count, Array(a.prefix(b.count)) == b {
            return .truncated(sentLength: sent.utf16.count, storedLength: storedValue.utf16.count)
        }
        let latin1 = String(sent.utf8.map { Character(Unicode.Scalar($0)) })
        let mojibake = Array(latin1.unicodeScalars)
        if mojibake == b || (b.count < mojibake.count && Array(mojibake.prefix(b.count)) == b) {
            return .mangled(how: "UTF-8 bytes were read as Latin-1 (mojibake)")
        }
        if sent.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(
            storedValue.precomposedStringWithCanonicalMapping.unicodeScalars)
        {
            return .mangled(how: "the text was re-normalised (NFC/NFD), changing its code points")
        }
        return .changed
    }

    /// Findings for a whole lead: every field that was delivered and stored differently.
    /// `sent` is what the destination was sent (its own lead-source spelling); `column` names
    /// where the destination keeps a field.
    public static func findings(
        destination: String, lead: Lead, sent: [LeadField: String], stored: [LeadField: String?],
        limits: DestinationKind, column: (LeadField) -> String = \.rawValue
    ) -> [Finding] {
        var out: [Finding] = []
        for field in LeadField.allCases {
            guard let storedValue = stored[field] else { continue }
            let sentValue = sent[field]
            let name = column(field)
            let place = name == field.rawValue ? field.rawValue : "\(field.rawValue) (\(name))"
            let evidence = "sent \(quoted(sentValue)) · stored \(quoted(storedValue))"
            switch compare(sent: sentValue, stored: storedValue) {
            case .same:
                continue
            case .missing:
                out.append(
                    Finding(
                        code: .fieldMissing, destination: destination, lead: lead.marker, field: field.rawValue,
                        message: "\(place) was sent but the stored record has none",
                        hint: "Check the field mapping of the destination (or of the flow behind it) for \(name).",
                        evidence: evidence))
            case .truncated(let sentLength, let storedLength):
                // The destination's documented limit explains the cut only when it is where the value stops.
                let limit = FieldLimits.limit(of: field, at: limits).flatMap { $0 == storedLength ? $0 : nil }
                out.append(
                    Finding(
                        code: .fieldTruncated, destination: destination, lead: lead.marker, field: field.rawValue,
                        message: "\(place) was cut from \(sentLength) to \(storedLength) characters"
                            + (limit.map { " (\(limits.rawValue) stores at most \($0))" } ?? ""),
                        hint: limit.map {
                            "The destination stores at most \($0) characters in \(name); widen the field or expect truncated leads."
                        }
                            ?? "Something on the way cuts \(name) to \(storedLength) characters; widen it where it is stored.",
                        evidence: evidence))
            case .mangled(let how):
                out.append(
                    Finding(
                        code: .fieldMangled, destination: destination, lead: lead.marker, field: field.rawValue,
                        message: "\(place) was mangled: \(how)",
                        hint:
                            """
                            Make every step that handles the lead read and write UTF-8 (a flow's\
                             Compose/Parse JSON step or a CSV export is the usual culprit).
                            """,
                        evidence: evidence))
            case .changed:
                out.append(
                    Finding(
                        code: .fieldChanged, destination: destination, lead: lead.marker, field: field.rawValue,
                        message: "\(place) was stored with a different value",
                        hint:
                            """
                            Check what rewrites \(name) between Microsoft and the stored record (a flow\
                             expression, a workflow rule, a picklist mapping, a trigger).
                            """,
                        evidence: evidence))
            }
        }
        return out
    }

    /// A value for evidence: quoted, at most 120 characters.
    static func quoted(_ value: String??) -> String {
        guard let value = value ?? nil else { return "nothing" }
        return "\"" + (value.count > 120 ? value.prefix(120) + "…" : value) + "\""
    }
}
