import Foundation
import Testing

@testable import LeadDestinations
@testable import LeadModel
@testable import LeadSandbox

/// Property tests, fixed seed: whatever string read-back looks for — quotes, backslashes,
/// control characters, any Unicode — the escaped literal, parsed by an independent parser (the
/// sandbox's SOQL and OData filter parsers), is that exact string, and never changes the query.
/// `LEADCHECK_FUZZ_ITERATIONS` raises the count (scripts/soak).
@Suite struct EscapingPropertyTests {
    static let iterations = ProcessInfo.processInfo.environment["LEADCHECK_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 3000

    /// A random string biased towards the characters that break escaping.
    static func hostileString(_ rng: inout SeededGenerator) -> String {
        let pieces: [String] = [
            "'", "''", "\\", "\\'", "\"", "%", "_", " ", "\n", "\r", "\t", "O'Brien", "\u{0}", "é", "e\u{301}", "𠮷",
            "😀", "\u{202E}",
            " eq ", " or ", " OR ", "1=1", ")", "(", ",", "--", ";", "&", "=", "+", "@",
            "lctest_x_1+o'brien@example.com",
        ]
        var out = ""
        for _ in 0..<rng.below(12) {
            if rng.below(3) == 0 {
                out.unicodeScalars.append(Unicode.Scalar(UInt32(0x20 + rng.below(0x7F - 0x20)))!)
            } else {
                out += rng.pick(pieces)
            }
        }
        return out
    }

    @Test func soqlLiteralsRoundTripThroughASOQLParser() throws {
        var rng = SeededGenerator(seed: 0x5E1F)
        for _ in 0..<Self.iterations {
            let value = Self.hostileString(&rng).replacingOccurrences(of: "\u{0}", with: "")
            let query = try SOQLQuery.parse("SELECT Id FROM Lead WHERE Email = \(QueryLiteral.soql(value)) LIMIT 1")
            #expect(query.conditions.count == 1, "\(value.debugDescription): the literal must not add conditions")
            #expect(
                query.conditions.first?.values == [value],
                "\(value.debugDescription) came back as \(query.conditions.first?.values.debugDescription ?? "nil")")
            #expect(query.limit == 1)
        }
    }

    @Test func soqlInListsKeepEveryLiteralApart() throws {
        var rng = SeededGenerator(seed: 0x1215)
        for _ in 0..<Self.iterations / 4 {
            let values = (0..<3).map { _ in Self.hostileString(&rng).replacingOccurrences(of: "\u{0}", with: "") }
            let query = try SOQLQuery.parse(
                "SELECT Id FROM Lead WHERE Email IN (\(values.map(QueryLiteral.soql).joined(separator: ",")))")
            #expect(query.conditions.count == 1 && query.conditions[0].op == "IN")
            #expect(query.conditions.first?.values == values, "\(values.debugDescription)")
        }
    }

    @Test func odataLiteralsRoundTripThroughAFilterParser() throws {
        var rng = SeededGenerator(seed: 0x0DA7)
        for _ in 0..<Self.iterations {
            let value = Self.hostileString(&rng)
            let filter = try TableFilter.parse("emailaddress1 eq \(QueryLiteral.odata(value))", functions: true)
            guard case .comparison(let property, let op, .string(let literal)) = filter else {
                Issue.record("\(value.debugDescription) changed the filter's shape: \(filter)")
                continue
            }
            #expect(
                property == "emailaddress1" && op == "eq" && literal == value,
                "\(value.debugDescription) came back as \(literal.debugDescription)")
        }
    }

    @Test func urlComponentsRoundTripAndCarryNoDelimiters() {
        var rng = SeededGenerator(seed: 0x0C0D)
        for _ in 0..<Self.iterations {
            let value = Self.hostileString(&rng)
            let encoded = QueryLiteral.urlComponent(value)
            #expect(encoded.removingPercentEncoding == value)
            #expect(!encoded.contains { "&=+?#' \"".contains($0) }, "\(encoded)")
        }
    }
}
