import LeadModel

/// Leads straight from a generator, in order.
public struct GeneratedLeadFeed: LeadFeed {
    private let generator: LeadGenerator
    private var index = 0

    /// Feeds every lead of `generator`.
    public init(_ generator: LeadGenerator) { self.generator = generator }

    /// The next generated lead.
    public mutating func next() throws(LeadCheckError) -> Lead? {
        guard index < generator.count else { return nil }
        defer { index += 1 }
        return generator.lead(at: index)
    }
}
