import Foundation
import LeadWire
import Testing

@testable import LeadModel
@testable import LeadSandbox

/// The HTTPS sink's JSON check must accept exactly what a JSON parser accepts: a body it wrongly
/// rejects would make a working integration look broken, one it wrongly accepts would store what
/// the trigger refuses. Checked against Foundation's `JSONSerialization` on fixed cases and on
/// fixed-seed mutations of real lead bodies. `LEADCHECK_FUZZ_ITERATIONS` raises the count.
///
/// One known difference: Foundation accepts a trailing comma (`[1,]`), which RFC 8259 does not;
/// the sandbox keeps to the RFC, since a sender that relies on leniency is a finding.
@Suite struct JSONValidatorTests {
    static let iterations = ProcessInfo.processInfo.environment["LEADCHECK_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 20000

    static func foundationAccepts(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }

    static let valid: [String] = [
        "{}", "[]", "0", "-0", "1.5e10", "-0.0E-3", "\"\"", "true", "false", "null", " \n\t\r{ } ",
        #"{"a":[1,2,{"b":null}],"c":"\u00e9\ud83d\ude00\/\b\f\n\r\t\\\""}"#, "[[[[[]]]]]", #"{"a":1,"a":2}"#,
        "\"é😀𠮷\"", "123456789012345678", "[1e5,2E+5,3e-5]",
    ]
    static let invalid: [String] = [
        "", " ", "{", "}", "[", "]", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "01", "-", "1.", ".5", "1e", "+1", "NaN",
        "Infinity",
        "tru", "nul", "True", "{'a':1}", "{\"a\" 1}", "{\"a\":}", "{1:2}", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"",
        "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\u{1}\"", "\"unterminated", "[1] [2]", "{} x", "/* c */ {}", "[1 2]",
        "\"\\\"",
    ]

    @Test func fixedCasesMatchFoundation() {
        for text in Self.valid {
            #expect(JSONValidator.isValid(Array(text.utf8)), "\(text)")
            #expect(Self.foundationAccepts(Array(text.utf8)), "\(text)")
        }
        for text in Self.invalid {
            #expect(!JSONValidator.isValid(Array(text.utf8)), "\(text)")
            if !Self.hasTrailingComma(Array(text.utf8)) {
                #expect(!Self.foundationAccepts(Array(text.utf8)), "\(text)")
            }
        }
    }

    /// Whether a `,` is followed (past whitespace) by `]` or `}`: where Foundation is lenient.
    static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        let significant = bytes.filter { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return zip(significant, significant.dropFirst()).contains {
            $0 == UInt8(ascii: ",") && ($1 == UInt8(ascii: "]") || $1 == UInt8(ascii: "}"))
        }
    }

    @Test func invalidUTF8IsRejected() {
        let cases: [[UInt8]] = [
            [0x22, 0xC0, 0xAF, 0x22], // overlong '/'
            [0x22, 0xED, 0xA0, 0x80, 0x22], // an encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // past U+10FFFF
            [0x22, 0xE2, 0x82, 0x22], // truncated sequence
            [0x22, 0x80, 0x22], // a lone continuation byte
            [0x22, 0xFF, 0x22],
        ]
        for bytes in cases {
            #expect(!JSONValidator.isValid(bytes), "\(bytes)")
        }
    }

    @Test func nestingIsBoundedLikeFoundation() {
        let deep =
            Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
        #expect(!JSONValidator.isValid(deep))
        let limit = JSONValidator.maxDepth
        let atLimit =
            Array(repeating: UInt8(ascii: "["), count: limit) + Array(repeating: UInt8(ascii: "]"), count: limit)
        #expect(JSONValidator.isValid(atLimit))
        let objects =
            Array(repeating: Array(#"{"a":"#.utf8), count: 70).flatMap { $0 } + Array("1".utf8)
            + Array(repeating: UInt8(ascii: "}"), count: 70)
        #expect(JSONValidator.isValid(objects))
    }

    @Test func byteOrderMarkIsIgnored() {
        #expect(JSONValidator.isValid([0xEF, 0xBB, 0xBF] + Array("{}".utf8)))
    }

    /// Mutations of real bodies from every variant (hostile and unicode included), with the
    /// bytes that matter to JSON's grammar favoured, judged by both parsers.
    @Test func mutatedLeadBodiesAgreeWithFoundation() throws {
        let generator = LeadGenerator(options: GenerationOptions(seed: 7))
        let encoder = HTTPSLeadEncoder()
        let seeds = generator.leads().map { encoder.encode($0) }
        let alphabet =
            Array("{}[]:,\"\\/ -+.0123456789eEtrufalsn\u{1}\n".utf8) + [
                0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF,
            ]
        var rng = SeededGenerator(seed: 0x15_0A)
        var disagreements: [String] = []
        var accepted = 0
        for round in 0..<Self.iterations {
            var bytes = rng.pick(seeds)
            if round % 7 == 0 { bytes = Array(bytes.prefix(rng.below(bytes.count + 1))) }
            for _ in 0..<(1 + rng.below(3)) where !bytes.isEmpty {
                let at = rng.below(bytes.count)
                switch rng.below(3) {
                case 0: bytes[at] = rng.pick(alphabet)
                case 1: bytes.insert(rng.pick(alphabet), at: at)
                default: bytes.remove(at: at)
                }
            }
            let ours = JSONValidator.isValid(bytes)
            if ours { accepted += 1 }
            let theirs = Self.foundationAccepts(bytes)
            if ours != theirs, !(theirs && Self.hasTrailingComma(bytes)), disagreements.count < 5 {
                disagreements.append("ours \(ours): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
        // The mutations must exercise both answers, or the comparison proves little.
        #expect(accepted > Self.iterations / 20 && accepted < Self.iterations * 19 / 20)
    }
}
