import LeadWire
import Testing

@testable import LeadFiles
@testable import LeadModel
@testable import LeadSandbox

@Suite struct GeneratorTests {
    static let defaultGenerator = LeadGenerator(options: GenerationOptions(seed: 42))

    /// Several chunks on two workers (each with its own generator replica) write exactly what one
    /// thread writes, in every format.
    @Test(arguments: OutputFormat.allCases)
    func parallelOutputEqualsSerialOutput(_ format: OutputFormat) {
        let generator = LeadGenerator(options: GenerationOptions(seed: 9, count: 4_500))
        let writer = LeadStreamWriter(format: format)
        Self.expectSameBytes(
            writer.render(generator, workers: 2), writer.render(generator, workers: 1), "\(format), 2 workers")
    }

    /// Expects equal byte arrays, naming the first difference. Compared as a Bool: Swift Testing
    /// rendering two multi-MB arrays in a failure message takes minutes.
    static func expectSameBytes(
        _ actual: [UInt8], _ expected: [UInt8], _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let same = actual == expected
        guard !same else { return }
        let firstDifference =
            zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actual.count, expected.count)
        #expect(
            same, "\(context): first difference at byte \(firstDifference) of \(expected.count)",
            sourceLocation: sourceLocation)
    }

    /// A stream reuses the members each plan slot fixes (see `LeadEncoder.encode(_:into:slotPart:)`)
    /// over several cycles of the plan, on one thread and on two: every record must equal that
    /// lead encoded alone, with either `LeadSource` spelling.
    @Test(arguments: LeadSourceStyle.allCases)
    func streamedRecordsEqualEachLeadEncodedAlone(_ style: LeadSourceStyle) {
        let generator = LeadGenerator(options: GenerationOptions(seed: 11, matrix: .full, count: 2_100))
        var options = WireOptions()
        options.leadSourceFormat = LeadSourceFormat(style: style)
        let writer = LeadStreamWriter(format: .ndjson, options: options)
        let encoder = CanonicalLeadEncoder(leadSourceFormat: options.leadSourceFormat)
        let expected = generator.leads().flatMap { lead -> [UInt8] in encoder.encode(lead) + [0x0A] }
        for workers in [1, 2] {
            Self.expectSameBytes(writer.render(generator, workers: workers), expected, "\(workers) worker(s)")
        }
    }

    @Test func sameSeedGivesByteIdenticalOutputAndAnotherSeedDoesNot() {
        let writer = LeadStreamWriter(format: .ndjson)
        let a = writer.render(LeadGenerator(options: GenerationOptions(seed: 42)))
        let b = writer.render(LeadGenerator(options: GenerationOptions(seed: 42)))
        let c = writer.render(LeadGenerator(options: GenerationOptions(seed: 43)))
        #expect(a == b)
        #expect(a != c)
        #expect(!a.isEmpty)
    }

    @Test func leadsDifferAcrossSeedsInCustomerData() {
        let a = LeadGenerator(options: GenerationOptions(seed: 1, variants: [.typical], locales: [.enUS])).leads()
        let b = LeadGenerator(options: GenerationOptions(seed: 2, variants: [.typical], locales: [.enUS])).leads()
        #expect(zip(a, b).contains { $0.customer != $1.customer })
    }

    @Test func eachLeadIsAPureFunctionOfSeedAndIndex() {
        let generator = LeadGenerator(options: GenerationOptions(seed: 9, count: 500))
        let forward = (0..<500).map(generator.lead(at:))
        let backward = (0..<500).reversed().map(generator.lead(at:)).reversed()
        #expect(forward == Array(backward))
    }

    @Test func defaultPlanCoversEveryPairVariantEdgeAndLocaleExactlyOnce() {
        let generator = Self.defaultGenerator
        // 6 pairs × (5 variants + limits at/over + 5 description shapes) × 5 locales.
        #expect(generator.count == 6 * 12 * 5)
        let keys = generator.leads().map { "\($0.pair)|\($0.caseLabel)|\($0.locale.rawValue)" }
        #expect(Set(keys).count == keys.count)
        for pair in LeadMatrix.documented.pairs {
            for variant in LeadVariant.allCases {
                for edge in variant.edges {
                    for shape in variant.descriptionShapes {
                        for locale in LeadLocale.allCases {
                            let label =
                                (edge?.rawValue ?? shape?.rawValue).map { "\(variant.rawValue)-\($0)" }
                                ?? variant.rawValue
                            #expect(keys.contains("\(pair)|\(label)|\(locale.rawValue)"))
                        }
                    }
                }
            }
        }
    }

    @Test func countCyclesThePlanWithUniqueMarkers() {
        let generator = LeadGenerator(
            options: GenerationOptions(seed: 5, variants: [.typical], locales: [.enUS], count: 20))
        let leads = generator.leads()
        #expect(leads.count == 20)
        #expect(leads[0].pair == leads[6].pair)
        #expect(Set(leads.map(\.marker)).count == 20)
        #expect(leads.map(\.sequence) == Array(1...20))
        #expect(LeadGenerator(options: GenerationOptions(seed: 5, count: 0)).leads().isEmpty)
    }

    @Test func everyLeadCarriesItsMarkerInDescriptionAndEmail() {
        for lead in Self.defaultGenerator.leads() {
            if lead.variant == .msftTest {
                #expect(lead.marker == LeadMarker.microsoftTestToken(createdAt: lead.createdTime, runID: lead.runID))
            } else {
                #expect(lead.marker == "LCTEST_\(lead.runID.value)_\(lead.sequence)")
            }
            // Real Description shapes carry no marker: the email does.
            #expect(lead.variant == .descriptions || lead.description?.hasPrefix(lead.marker) == true)
            if let email = lead.customer.email {
                #expect(email.lowercased().hasPrefix(lead.marker.lowercased()))
                #expect(!email.lowercased().hasSuffix(".edu"))
                #expect(email.unicodeScalars.allSatisfy { $0.isASCII }, "Marketo requires ASCII email: \(email)")
            }
        }
    }

    @Test func createdTimesStepOneSecondFromTheBase() {
        let leads = LeadGenerator(options: GenerationOptions(seed: 1, variants: [.typical], locales: [.enUS])).leads()
        #expect(leads[0].createdTime == .fixtureBase)
        #expect(leads[5].createdTime.iso8601 == "2026-01-01T00:00:05Z")
    }

    /// Two runs with one seed (a rerun, shards of two pipelines) must not share Azure Table
    /// RowKeys, or one run's cleanup would delete the other's entity.
    @Test func sameSeedDifferentRunsGetDifferentGUIDs() throws {
        func guids(_ run: String) throws -> [String] {
            LeadGenerator(options: GenerationOptions(seed: 5, runID: try RunID(run))).leads().map(\.guid.description)
        }
        let a = try guids("aaaa1111")
        let b = try guids("bbbb2222")
        #expect(Set(a).isDisjoint(with: b))
        #expect(try guids("aaaa1111") == a, "still deterministic for a run")
    }

    @Test func guidsAreVersionFourShapedAndUnique() {
        let guids = Self.defaultGenerator.leads().map(\.guid.description)
        #expect(Set(guids).count == guids.count)
        for guid in guids {
            let chars = Array(guid)
            #expect(chars.count == 36)
            #expect(chars[14] == "4")
            #expect("89ab".contains(chars[19]))
            #expect([8, 13, 18, 23].allSatisfy { chars[$0] == "-" })
        }
    }
}
