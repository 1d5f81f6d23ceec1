/// One slot of the generation plan: a pair, a variant (with its limit edge) and a locale.
public struct PlanEntry: Sendable, Hashable {
    /// Source × action.
    public var pair: MatrixPair
    /// The variant.
    public var variant: LeadVariant
    /// For `limits`: at or over.
    public var limitEdge: LimitEdge?
    /// For `descriptions`: which shape.
    public var descriptionShape: DescriptionShape?
    /// The locale.
    public var locale: LeadLocale

    /// Creates an entry.
    public init(
        pair: MatrixPair, variant: LeadVariant, limitEdge: LimitEdge?, descriptionShape: DescriptionShape? = nil,
        locale: LeadLocale
    ) {
        self.pair = pair
        self.variant = variant
        self.limitEdge = limitEdge
        self.descriptionShape = descriptionShape
        self.locale = locale
    }
}
