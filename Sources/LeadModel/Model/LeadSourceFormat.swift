/// How the `LeadSource` string is spelled: `<Source>-<Action>|<publisher.offer>` by default.
public struct LeadSourceFormat: Sendable, Hashable, Codable {
    /// AppSource's token.
    public var appSource: AppSourceToken
    /// Compact (`|`) or spaced (` | `).
    public var style: LeadSourceStyle

    /// Creates a format; the defaults are Microsoft's test-lead form.
    public init(appSource: AppSourceToken = .spza, style: LeadSourceStyle = .compact) {
        self.appSource = appSource
        self.style = style
    }

    /// `AzureMarketplace-INS|publisher.offer`.
    public func leadSource(pair: MatrixPair, offer: Offer) -> String {
        let separator = style == .compact ? "|" : " | "
        return "\(pair.label(appSource: appSource))\(separator)\(offer.id)"
    }
}
