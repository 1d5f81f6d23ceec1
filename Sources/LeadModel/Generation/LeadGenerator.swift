/// Produces the leads of a plan. Lead `i` is a pure function of the options and `i`, so any
/// slice can be generated alone, in parallel, or replayed from a report's seed.
public struct LeadGenerator: Sendable {
    /// The options this generator was made with.
    public let options: GenerationOptions
    /// Every pair × variant edge × locale, pair-major.
    public let plan: [PlanEntry]
    /// How many leads `lead(at:)` serves.
    public let count: Int
    /// The locale cache of each plan slot, parallel to `plan`.
    private let slotCaches: [LocaleCache]
    /// `LCTEST_<runId>_` and its lowercase form, built once rather than per lead.
    private let markerPrefix: String
    private let emailPrefix: String
    /// Mixed into every GUID so two runs with the same seed (shards of different pipelines, a
    /// rerun) never share an Azure Table RowKey: a shared key would make one run's insert fail
    /// and its cleanup delete the other run's entity.
    private let runSalt: (high: UInt64, low: UInt64)

    /// Creates a generator; `options.count` defaults to one lead per plan slot.
    public init(options: GenerationOptions) {
        self.options = options
        var plan: [PlanEntry] = []
        for pair in options.matrix.pairs {
            for variant in options.variants {
                for edge in variant.edges {
                    for shape in variant.descriptionShapes {
                        for locale in options.locales {
                            plan.append(
                                PlanEntry(
                                    pair: pair, variant: variant, limitEdge: edge, descriptionShape: shape,
                                    locale: locale))
                        }
                    }
                }
            }
        }
        self.plan = plan
        let count = plan.isEmpty ? 0 : (options.count ?? plan.count)
        // Marker lengths that occur: prefix + run id + "_" + 1…digits(count) digits.
        let fixed = LeadMarker.prefix.utf8.count + options.runID.value.utf8.count + 1
        let markerLengths = (1...max(1, String(count).count)).map { fixed + $0 }
        let needsLimits = options.variants.contains(.limits)
        let caches = Dictionary(
            options.locales.map {
                ($0, LocaleCache(locale: $0, offer: options.offer, markerLengths: needsLimits ? markerLengths : []))
            }, uniquingKeysWith: { first, _ in first })
        slotCaches = plan.map { caches[$0.locale]! }
        self.count = count
        markerPrefix = "\(LeadMarker.prefix)\(options.runID.value)_"
        emailPrefix = markerPrefix.lowercased()
        // FNV-1a of the run id, then one splitmix step for the second half.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in options.runID.value.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var salt = SeededGenerator(seed: hash)
        runSalt = (salt.next(), salt.next())
    }

    /// Lead number `index + 1`, built from plan slot `index % plan.count`.
    public func lead(at index: Int) -> Lead {
        let slot = index % plan.count
        let entry = plan[slot]
        var rng = SeededGenerator.forLead(seed: options.seed, index: index)
        let sequence = index + 1
        let guid = LeadGUID(using: &rng).salted(runSalt)
        let number = String(sequence)
        let createdTime = options.baseTime.adding(seconds: Int64(index))
        // Microsoft's own test lead carries its MSFT_TEST_ token where other leads carry the marker.
        let marker =
            entry.variant == .msftTest
            ? LeadMarker.microsoftTestToken(createdAt: createdTime, runID: options.runID) : markerPrefix + number
        let (customer, description) = CustomerFactory(
            cache: slotCaches[slot], marker: marker, markerLocalPart: emailPrefix + number, edge: entry.limitEdge,
            descriptionShape: entry.descriptionShape
        ).make(entry.variant, rng: &rng)
        return Lead(
            runID: options.runID, sequence: sequence, pair: entry.pair, variant: entry.variant,
            limitEdge: entry.limitEdge, descriptionShape: entry.descriptionShape, locale: entry.locale,
            offer: options.offer, customer: customer,
            description: description, createdTime: createdTime, guid: guid,
            marker: marker
        )
    }

    /// A generator that makes the same leads from storage of its own: threads that each use
    /// their own replica do not contend on the reference counts of shared strings and arrays.
    public func replica() -> LeadGenerator { LeadGenerator(options: options) }

    /// All leads in order. Use ``lead(at:)`` in a loop for large counts; this holds them all.
    public func leads() -> [Lead] { (0..<count).map(lead(at:)) }
}
