/// Which source × action pairs a run covers.
public enum LeadMatrix: String, Sendable, Hashable, CaseIterable, Codable {
    /// The six pairs Microsoft documents.
    case documented
    /// All 4 × 5 = 20 pairs; the undocumented ones are flagged.
    case full

    /// The pairs, documented ones first in the documented order, then the rest in
    /// source-then-action order, so output order is stable.
    public var pairs: [MatrixPair] {
        switch self {
        case .documented:
            return Self.documentedPairs
        case .full:
            var all = Self.documentedPairs
            for source in MarketplaceSource.allCases {
                for action in LeadAction.allCases where !all.contains(MatrixPair(source, action)) {
                    all.append(MatrixPair(source, action))
                }
            }
            return all
        }
    }

    private static let documentedPairs: [MatrixPair] = [
        MatrixPair(.azureMarketplace, .install),
        MatrixPair(.azurePortal, .create),
        MatrixPair(.testDrive, .startTestDrive),
        MatrixPair(.appSource, .install),
        MatrixPair(.appSource, .partnerLedTrial),
        MatrixPair(.appSource, .doNotContact),
    ]
}
