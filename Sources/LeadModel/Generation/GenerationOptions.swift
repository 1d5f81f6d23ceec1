/// Everything that determines a generated lead set. Same options → byte-identical output.
public struct GenerationOptions: Sendable, Hashable {
    /// Seeds every random choice.
    public var seed: UInt64
    /// Which source × action pairs.
    public var matrix: LeadMatrix
    /// Which variants, in this order.
    public var variants: [LeadVariant]
    /// Which locales, in this order.
    public var locales: [LeadLocale]
    /// How many leads; `nil` means one per plan slot. A larger count cycles the plan.
    public var count: Int?
    /// The offer every lead is about.
    public var offer: Offer
    /// The run id in every marker; derived from the seed unless given.
    public var runID: RunID
    /// Lead N's CreatedTime is this plus N−1 seconds.
    public var baseTime: LeadTimestamp

    /// Creates options; the defaults give the full documented fixture set.
    public init(
        seed: UInt64, matrix: LeadMatrix = .documented, variants: [LeadVariant] = LeadVariant.allCases,
        locales: [LeadLocale] = LeadLocale.allCases, count: Int? = nil, offer: Offer = .example,
        runID: RunID? = nil, baseTime: LeadTimestamp = .fixtureBase
    ) {
        self.seed = seed
        self.matrix = matrix
        self.variants = variants
        self.locales = locales
        self.count = count
        self.offer = offer
        self.runID = runID ?? .derived(fromSeed: seed)
        self.baseTime = baseTime
    }
}
