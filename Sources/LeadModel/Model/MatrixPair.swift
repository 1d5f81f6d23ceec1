/// One source × action combination of the lead matrix.
public struct MatrixPair: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where the lead came from.
    public var source: MarketplaceSource
    /// What the customer did.
    public var action: LeadAction

    /// Creates a pair.
    public init(_ source: MarketplaceSource, _ action: LeadAction) {
        self.source = source
        self.action = action
    }

    /// Whether Microsoft documents this combination (docs/reference/lead.md §4). Undocumented pairs
    /// only appear with `--matrix full` and are flagged in every output.
    public var isDocumented: Bool {
        switch (source, action) {
        case (.azureMarketplace, .install), (.azurePortal, .create), (.testDrive, .startTestDrive),
            (.appSource, .install), (.appSource, .partnerLedTrial), (.appSource, .doNotContact):
            true
        default:
            false
        }
    }

    /// Whether Microsoft has retired the pair's source: Test Drive is deprecated ("consider
    /// transitioning to Free Trials", docs/reference/flows.md §6 [DOC]). It stays in the matrix, since offers
    /// that still have one can still send such leads, and every output flags it.
    public var isDeprecated: Bool { source == .testDrive }

    /// `AzureMarketplace-INS`, with AppSource spelled as given.
    public func label(appSource token: AppSourceToken = .spza) -> String {
        "\(source.wireToken(appSource: token))-\(action.rawValue)"
    }

    /// `AzureMarketplace-INS` (AppSource as `SPZA`).
    public var description: String { label() }
}
