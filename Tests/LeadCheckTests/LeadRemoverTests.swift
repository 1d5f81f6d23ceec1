import LeadDestinations
import LeadModel
import LeadVerification
import Testing

/// LeadRemover asks a destination only to remove: a store with no other capability will do.
struct LeadRemoverTests {
    @Test func removesThroughTheRemovalCapabilityAlone() async throws {
        let items = [
            StoredLead(marker: "MSFT_TEST_a", receipt: .marker("MSFT_TEST_a")),
            StoredLead(marker: "MSFT_TEST_b", receipt: .marker("MSFT_TEST_b")),
        ]
        let remover = LeadRemover(destination: RemovalOnlyStore(held: ["MSFT_TEST_a"]), journal: nil)
        let outcomes = await remover.remove(items, mayAppear: [false, false], until: .now)
        try #require(outcomes.count == 2, "one outcome per lead")
        guard case .removed = outcomes[0], case .absent = outcomes[1] else {
            Issue.record("expected removed then absent, got \(outcomes)")
            return
        }
    }
}
