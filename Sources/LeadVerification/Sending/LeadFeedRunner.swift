import LeadModel

/// Something `send` runs a feed of leads through: the HTTPS burst (``SendRunner``) or
/// deliveries to any destination (``DeliveryRunner``).
public protocol LeadFeedRunner: Sendable {
    /// Sends every lead the feed yields and summarises the answers.
    func run<Feed: LeadFeed>(_ feed: inout Feed) async throws(LeadCheckError) -> SendSummary
}
