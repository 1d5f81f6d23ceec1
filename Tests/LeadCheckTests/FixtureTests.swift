import Foundation
import LeadWire
import Testing

@testable import LeadFiles
@testable import LeadModel

/// Golden files: `fixtures/generate/seed-42.*` are what `leadcheck generate --seed 42` writes in
/// each format. `scripts/update-fixtures` rewrites them after an intended change.
@Suite struct FixtureTests {
    static let generator = LeadGenerator(options: GenerationOptions(seed: 42))

    @Test(arguments: OutputFormat.allCases)
    func goldenFileMatchesRegeneratedOutput(_ format: OutputFormat) throws {
        let url = Fixtures.generated(format.fileExtension)
        let golden = try Data(contentsOf: url)
        let fresh = LeadStreamWriter(format: format).render(Self.generator, workers: 2)
        if Array(golden) != fresh {
            let goldenLines = String(decoding: golden, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            let freshLines = String(decoding: fresh, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            let first =
                zip(goldenLines, freshLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(goldenLines.count, freshLines.count)
            Issue.record(
                """
                \(url.lastPathComponent) differs from regenerated output at line \(first + 1) \
                (golden \(goldenLines.count) lines, fresh \(freshLines.count)). Run scripts/update-fixtures if the change is intended.
                golden: \(first < goldenLines.count ? String(goldenLines[first].prefix(300)) : "<end>")
                fresh:  \(first < freshLines.count ? String(freshLines[first].prefix(300)) : "<end>")
                """)
        }
    }

    /// Like Stripe CLI's fixture-consistency test: every documented pair × variant (and limit
    /// edge) × locale must have a fixture lead, and nothing else may be there.
    @Test func fixtureSetIsCompleteOverTheMatrix() throws {
        let text = try String(contentsOf: Fixtures.generated(OutputFormat.ndjson.fileExtension), encoding: .utf8)
        var seen: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let record = try Decoding.jsonObject(Array(line.utf8))
            let fields: [Any?] = [
                record["source"], record["action"], record["variant"],
                record["limitEdge"] ?? record["descriptionShape"] ?? "-", record["locale"],
            ]
            let key = fields.map { "\($0 ?? "?")" }.joined(separator: "|")
            seen[key, default: 0] += 1
        }
        var expected: Set<String> = []
        for pair in LeadMatrix.documented.pairs {
            for variant in LeadVariant.allCases {
                for edge in variant.edges {
                    for shape in variant.descriptionShapes {
                        for locale in LeadLocale.allCases {
                            let label = edge?.rawValue ?? shape?.rawValue ?? "-"
                            expected.insert(
                                [pair.source.rawValue, pair.action.rawValue, variant.rawValue, label, locale.rawValue]
                                    .joined(separator: "|"))
                        }
                    }
                }
            }
        }
        let missing = expected.subtracting(seen.keys)
        let extra = Set(seen.keys).subtracting(expected)
        #expect(missing.isEmpty, "missing fixture leads: \(missing.sorted())")
        #expect(extra.isEmpty, "unexpected fixture leads: \(extra.sorted())")
        #expect(seen.values.allSatisfy { $0 == 1 }, "each slot exactly once")
    }

    @Test(arguments: OutputFormat.allCases)
    func everyFormatHasOneRecordPerLead(_ format: OutputFormat) throws {
        let text = try String(contentsOf: Fixtures.generated(format.fileExtension), encoding: .utf8)
        let count = Self.generator.count
        switch format {
        case .json:
            let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any]
            #expect(array?.count == count)
        case .csv:
            #expect(Decoding.csv(text).count == count + 1)
        default:
            #expect(text.split(separator: "\n").count == count)
        }
    }
}
