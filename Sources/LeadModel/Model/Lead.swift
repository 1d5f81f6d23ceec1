/// One synthetic lead, as Microsoft's connector would send it to any destination.
///
/// Destination-specific shapes (JSON, entity, form body) are pure encodings of this value; see the
/// `Wire` folder.
public struct Lead: Sendable, Hashable {
    /// The run this lead belongs to.
    public var runID: RunID
    /// 1-based position in the run; part of the marker.
    public var sequence: Int
    /// Source × action.
    public var pair: MatrixPair
    /// Which named variant produced the customer data.
    public var variant: LeadVariant
    /// For the `limits` variant: whether values sit at the limit or one over.
    public var limitEdge: LimitEdge?
    /// For the `descriptions` variant: how its Description comes.
    public var descriptionShape: DescriptionShape?
    /// The locale the names, company and phone come from.
    public var locale: LeadLocale
    /// The offer.
    public var offer: Offer
    /// Customer details; absent fields are `nil`.
    public var customer: CustomerInfo
    /// Free text; starts with the marker so read-back can find it, except for the
    /// `descriptions` shapes (absent: nil), whose marker is in the email alone.
    public var description: String?
    /// When the lead was "created" (drives Azure Table's PartitionKey and CreatedTime).
    public var createdTime: LeadTimestamp
    /// A seeded GUID: the Azure Table RowKey.
    public var guid: LeadGUID
    /// `LCTEST_<runId>_<n>`: in Description and the email local part of every lead.
    public let marker: String

    /// Creates a lead.
    public init(
        runID: RunID, sequence: Int, pair: MatrixPair, variant: LeadVariant, limitEdge: LimitEdge? = nil,
        descriptionShape: DescriptionShape? = nil, locale: LeadLocale, offer: Offer, customer: CustomerInfo,
        description: String?,
        createdTime: LeadTimestamp, guid: LeadGUID, marker: String? = nil
    ) {
        self.init(
            runID: runID, sequence: sequence, pair: pair, variant: variant, limitEdge: limitEdge,
            descriptionShape: descriptionShape, locale: locale,
            offer: offer, customer: customer, description: description, createdTime: createdTime, guid: guid,
            marker: marker ?? runID.marker(sequence)
        )
    }

    /// Creates a lead whose marker the caller already built (the generator's hot path).
    init(
        runID: RunID, sequence: Int, pair: MatrixPair, variant: LeadVariant, limitEdge: LimitEdge?,
        descriptionShape: DescriptionShape?, locale: LeadLocale, offer: Offer, customer: CustomerInfo,
        description: String?,
        createdTime: LeadTimestamp, guid: LeadGUID, marker: String
    ) {
        self.runID = runID
        self.sequence = sequence
        self.pair = pair
        self.variant = variant
        self.limitEdge = limitEdge
        self.descriptionShape = descriptionShape
        self.locale = locale
        self.offer = offer
        self.customer = customer
        self.description = description
        self.createdTime = createdTime
        self.guid = guid
        self.marker = marker
    }

    /// The variant label as reports show it: `limits-over`, `typical`, …
    public var caseLabel: String {
        if let limitEdge { return "\(variant.rawValue)-\(limitEdge.rawValue)" }
        if let descriptionShape { return "\(variant.rawValue)-\(descriptionShape.rawValue)" }
        return variant.rawValue
    }

    /// Where this lead's shape comes from (documented, a third-party report, inferred).
    public var evidence: String { descriptionShape?.evidence ?? variant.evidence }

    /// The `LeadSource` string in the given format.
    public func leadSource(_ format: LeadSourceFormat) -> String { format.leadSource(pair: pair, offer: offer) }
}
