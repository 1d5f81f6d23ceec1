import Foundation
import LeadModel
import Synchronization

/// What a `send` burst reads and tallies. `@unchecked Sendable`: the burst's callbacks, on the
/// client's libcurl threads, touch it only inside `locked`, and the caller reads it only after
/// the burst has returned.
final class BurstState<Feed: LeadFeed>: @unchecked Sendable {
    private let mutex = Mutex(())
    var feed: Feed
    var feedError: LeadCheckError?
    var summary: SendSummary
    var latencies: [Int64] = []

    init(feed: Feed, summary: SendSummary) {
        self.feed = feed
        self.summary = summary
    }

    /// Runs `body` holding the state's mutex.
    func locked<Result: Sendable>(_ body: () -> Result) -> Result {
        mutex.withLock { _ in body() }
    }
}
