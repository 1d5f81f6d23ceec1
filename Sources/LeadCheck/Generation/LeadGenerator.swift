import Foundation

/// Produces the leads of a plan. Lead `i` is a pure function of the options and `i`, so any
/// slice can be generated alone, in parallel, or replayed from a report's seed.
public struct LeadGenerator: Sendable {
    /// The options this generator was made with.
    public let options: GenerationOptions
    /// Every pair × variant edge × locale, pair-major.
    public let plan: [PlanEntry]
    /// How many leads `lead(at:)` serves.
    public let count: Int
    private let sentences: [LeadLocale: String]

    /// Creates a generator; `options.count` defaults to one lead per plan slot.
    public init(options: GenerationOptions) {
        self.options = options
        var plan: [PlanEntry] = []
        for pair in options.matrix.pairs {
            for variant in options.variants {
                for edge in variant.edges {
                    for locale in options.locales {
                        plan.append(PlanEntry(pair: pair, variant: variant, limitEdge: edge, locale: locale))
                    }
                }
            }
        }
        self.plan = plan
        sentences = Dictionary(options.locales.map {
            ($0, $0.table.interestSentence.replacingOccurrences(of: "{offer}", with: options.offer.title))
        }, uniquingKeysWith: { first, _ in first })
        self.count = plan.isEmpty ? 0 : (options.count ?? plan.count)
    }

    /// Lead number `index + 1`, built from plan slot `index % plan.count`.
    public func lead(at index: Int) -> Lead {
        let entry = plan[index % plan.count]
        var rng = SeededGenerator.forLead(seed: options.seed, index: index)
        let sequence = index + 1
        let guid = LeadGUID(using: &rng)
        let marker = options.runID.marker(sequence)
        let table = entry.locale.table
        let (customer, description) = CustomerFactory(
            table: table, marker: marker, sentence: sentences[entry.locale]!, edge: entry.limitEdge
        ).make(entry.variant, rng: &rng)
        return Lead(
            runID: options.runID, sequence: sequence, pair: entry.pair, variant: entry.variant,
            limitEdge: entry.limitEdge, locale: entry.locale, offer: options.offer, customer: customer,
            description: description, createdTime: options.baseTime.adding(seconds: Int64(index)), guid: guid
        )
    }

    /// All leads in order. Use ``lead(at:)`` in a loop for large counts; this holds them all.
    public func leads() -> [Lead] { (0..<count).map(lead(at:)) }
}
