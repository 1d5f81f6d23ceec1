import LeadModel

/// What a destination's `LeadSource` property holds.
public enum LeadSourceContent: String, Sendable, Hashable, CaseIterable, Codable {
    /// The source alone, e.g. `AzureMarketplace`, with the action in `ActionCode`: the HTTPS
    /// documentation example and the FAQ test lead (docs/reference/https-endpoint.md §1).
    case sourceOnly = "source"
    /// `Source-Action|publisher.offer`: the Salesforce test lead's `lead_source` (docs/reference/lead.md §2).
    case full
}

extension LeadSourceContent {
    /// The `LeadSource` value for a lead under this choice.
    public func value(for lead: Lead, format: LeadSourceFormat) -> String {
        switch self {
        case .sourceOnly: lead.pair.source.wireToken(appSource: format.appSource)
        case .full: lead.leadSource(format)
        }
    }
}
