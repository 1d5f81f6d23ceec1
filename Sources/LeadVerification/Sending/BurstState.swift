import Foundation
import LeadModel

/// What a `send` burst reads and tallies. `@unchecked Sendable`: the burst's callbacks, on the
/// client's libcurl threads, touch it only while holding `lock`, and the caller reads it only
/// after the burst has returned.
final class BurstState<Feed: LeadFeed>: @unchecked Sendable {
    let lock = NSLock()
    var feed: Feed
    var feedError: LeadCheckError?
    var summary: SendSummary
    var latencies: [Int64] = []

    init(feed: Feed, summary: SendSummary) {
        self.feed = feed
        self.summary = summary
    }
}
