/// Where on Microsoft's marketplace a lead came from: the first half of `LeadSource`
/// (docs/reference/lead.md §1).
public enum MarketplaceSource: String, Sendable, Hashable, CaseIterable, Codable {
    /// Azure Marketplace (azuremarketplace.microsoft.com).
    case azureMarketplace = "AzureMarketplace"
    /// A purchase in the Azure portal.
    case azurePortal = "AzurePortal"
    /// A customer started a Test Drive.
    case testDrive = "TestDrive"
    /// AppSource. On the wire its token is configurable (`SPZA` by default), see ``AppSourceToken``.
    case appSource = "AppSource"

    /// The source a `LeadSource` token names (`AzureMarketplace`, `AzurePortal`, `TestDrive`, and
    /// AppSource as `SPZA`, `AppSource (SPZA)` or `AppSource`), without regard to case.
    public init?(wireToken token: String) {
        switch token.trimmingCharacters(in: .whitespaces).lowercased() {
        case "azuremarketplace": self = .azureMarketplace
        case "azureportal": self = .azurePortal
        case "testdrive": self = .testDrive
        case "spza", "appsource", "appsource (spza)": self = .appSource
        default: return nil
        }
    }

    /// The token written into `LeadSource` for this source.
    public func wireToken(appSource token: AppSourceToken) -> String {
        self == .appSource ? token.rawValue : rawValue
    }
}
