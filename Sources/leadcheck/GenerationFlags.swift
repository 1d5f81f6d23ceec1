import ArgumentParser
import LeadModel

/// The flags that choose a generated lead set, shared by every command that generates leads.
///
/// Values are taken as strings and validated by the core library, so an unknown choice exits 1
/// with the list of valid ones rather than ArgumentParser's generic message.
struct GenerationFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Seed for every random choice (0 to 2^64-1). Default: a random seed, printed on stderr.")
    var seed: String?

    @Option(help: "Which source × action pairs: documented (6) or full (20, undocumented ones flagged).")
    var matrix: String = LeadMatrix.documented.rawValue

    @Option(help: "Comma-separated variants: \(LeadVariant.allCases.map(\.rawValue).joined(separator: ",")). Default: all.")
    var variants: String?

    @Option(help: "Comma-separated locales: \(LeadLocale.allCases.map(\.rawValue).joined(separator: ",")). Default: all.")
    var locales: String?

    @Option(parsing: .unconditional, help: "Number of leads; cycles the plan. Default: one per pair × variant × locale.")
    var count: String?

    @Option(help: "Offer id, publisherid.offerid.")
    var offer: String = Offer.example.id

    @Option(name: .customLong("offer-title"), help: "Offer display title.")
    var offerTitle: String = Offer.example.title

    @Option(name: .customLong("run-id"), help: "Run id in every marker LCTEST_<run-id>_<n> (4-16 of a-z0-9). Default: derived from the seed.")
    var runID: String?

    @Option(help: "CreatedTime of the first lead, YYYY-MM-DDTHH:MM:SSZ. Default: 2026-01-01T00:00:00Z.")
    var time: String?

    @Option(name: .customLong("app-source"), help: "AppSource's token in LeadSource: SPZA, \"AppSource (SPZA)\" or AppSource.")
    var appSource: String = AppSourceToken.spza.rawValue

    @Option(name: .customLong("lead-source-style"), help: "compact (Source-Action|offer) or spaced (Source-Action | offer).")
    var leadSourceStyle: String = LeadSourceStyle.compact.rawValue

    /// Whether a seed was given; when not, the caller says which one was drawn.
    var seedWasGiven: Bool { seed != nil }

    /// Validates the flags into generation options.
    func generationOptions() throws(LeadCheckError) -> GenerationOptions {
        let seedValue: UInt64
        if let seed {
            guard let parsed = UInt64(seed) else {
                throw .invalidNumber(flag: "--seed", value: seed, expected: "a whole number from 0 to 18446744073709551615")
            }
            seedValue = parsed
        } else {
            seedValue = UInt64.random(in: 0...UInt64(UInt32.max))
        }
        let count = try self.count.map { value throws(LeadCheckError) in try Choice.parseInt(value, flag: "--count", range: 0...Int.max) }
        var baseTime = LeadTimestamp.fixtureBase
        if let time {
            guard let parsed = LeadTimestamp(iso8601: time) else {
                throw .invalidValue(flag: "--time", value: time, expected: "a UTC time like 2026-01-01T00:00:00Z")
            }
            baseTime = parsed
        }
        return GenerationOptions(
            seed: seedValue,
            matrix: try Choice.parse(matrix, flag: "--matrix"),
            variants: try variants.map { v throws(LeadCheckError) in try Choice.parseList(v, flag: "--variants") } ?? LeadVariant.allCases,
            locales: try locales.map { v throws(LeadCheckError) in try Choice.parseList(v, flag: "--locales") } ?? LeadLocale.allCases,
            count: count,
            offer: try Offer.validated(id: offer, title: offerTitle),
            runID: try runID.map { v throws(LeadCheckError) in try RunID(v) },
            baseTime: baseTime
        )
    }

    /// The lead-source spelling the flags choose.
    func leadSourceFormat() throws(LeadCheckError) -> LeadSourceFormat {
        LeadSourceFormat(appSource: try Choice.parse(appSource, flag: "--app-source"), style: try Choice.parse(leadSourceStyle, flag: "--lead-source-style"))
    }
}
