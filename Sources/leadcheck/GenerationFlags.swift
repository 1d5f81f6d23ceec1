import ArgumentParser
import LeadModel

/// The flags that choose a generated lead set, shared by every command that generates leads.
///
/// Each value is parsed where ArgumentParser reads it, by the model's own rules
/// (``OptionParsing``), so an unknown choice exits 1 with the list of valid ones.
struct GenerationFlags: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: "Seed for every random choice (0 to 2^64-1). Default: a random seed, printed on stderr.",
        transform: OptionParsing.seed)
    var seed: UInt64?

    @Option(
        help: "Which source × action pairs: documented (6) or full (20, undocumented ones flagged).",
        transform: OptionParsing.choice("--matrix"))
    var matrix: LeadMatrix = .documented

    @Option(
        help: "Comma-separated variants: \(LeadVariant.allCases.map(\.rawValue).joined(separator: ",")). Default: all.",
        transform: OptionParsing.list("--variants"))
    var variants: [LeadVariant] = LeadVariant.allCases

    @Option(
        help: "Comma-separated locales: \(LeadLocale.allCases.map(\.rawValue).joined(separator: ",")). Default: all.",
        transform: OptionParsing.list("--locales"))
    var locales: [LeadLocale] = LeadLocale.allCases

    @Option(
        parsing: .unconditional, help: "Number of leads; cycles the plan. Default: one per pair × variant × locale.",
        transform: OptionParsing.count)
    var count: Int?

    @Option(help: "Offer id, publisherid.offerid.")
    var offer: String = Offer.example.id

    @Option(name: .customLong("offer-title"), help: "Offer display title.")
    var offerTitle: String = Offer.example.title

    @Option(
        name: .customLong("run-id"),
        help: "Run id in every marker LCTEST_<run-id>_<n> (4-16 of a-z0-9). Default: derived from the seed.",
        transform: OptionParsing.runID)
    var runID: RunID?

    @Option(
        help: "CreatedTime of the first lead, YYYY-MM-DDTHH:MM:SSZ. Default: 2026-01-01T00:00:00Z.",
        transform: OptionParsing.time)
    var time: LeadTimestamp = .fixtureBase

    @Option(
        name: .customLong("app-source"),
        help: "AppSource's token in LeadSource: SPZA, \"AppSource (SPZA)\" or AppSource.",
        transform: OptionParsing.choice("--app-source"))
    var appSource: AppSourceToken = .spza

    @Option(
        name: .customLong("lead-source-style"),
        help: "compact (Source-Action|offer) or spaced (Source-Action | offer).",
        transform: OptionParsing.choice("--lead-source-style"))
    var leadSourceStyle: LeadSourceStyle = .compact

    /// Whether a seed was given; when not, the caller says which one was drawn.
    var seedWasGiven: Bool { seed != nil }

    /// The generation options the flags choose (the offer is checked here: its id and title
    /// are judged together).
    func generationOptions() throws(LeadCheckError) -> GenerationOptions {
        GenerationOptions(
            seed: seed ?? UInt64.random(in: 0...UInt64(UInt32.max)),
            matrix: matrix, variants: variants, locales: locales, count: count,
            offer: try Offer.validated(id: offer, title: offerTitle),
            runID: runID,
            baseTime: time
        )
    }

    /// The lead-source spelling the flags choose.
    var leadSourceFormat: LeadSourceFormat { LeadSourceFormat(appSource: appSource, style: leadSourceStyle) }
}
