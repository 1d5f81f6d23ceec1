import Foundation
import LeadModel

/// What the canary remembers between runs (`--state FILE`): each destination's last result,
/// since when it has been so, and its last success — so a report says what changed and a
/// webhook fires on a change, not on every run.
public struct CanaryState: Sendable, Hashable, Codable {
    /// One destination's memory.
    public struct Entry: Sendable, Hashable, Codable {
        /// `up` or `down`.
        public var status: String
        /// Since when it has had this status (seconds since 1970).
        public var since: Double
        /// The last run that checked it.
        public var lastRun: Double
        /// The last run it passed, if ever.
        public var lastSuccess: Double?
        /// The codes of its last run's problems.
        public var codes: [String]
    }

    /// The state file's format.
    public var version = 1
    /// By destination name.
    public var destinations: [String: Entry] = [:]
    /// Messages of earlier changes the webhook did not take, oldest first; posted again before
    /// the next run's, so a change is never lost to one failed post. Nil when none wait.
    public var pending: [CanaryNotification]?

    /// How many unposted messages are kept (the newest), so a webhook that is gone for good
    /// does not grow the state file without end.
    public static let pendingLimit = 50

    /// An empty state (no earlier run).
    public init() {}

    /// A destination's status changed between two runs.
    public struct Change: Sendable, Hashable {
        public var destination: String
        /// The earlier status; nil when the destination was not checked before.
        public var old: Entry?
        public var new: Entry
        public var result: CanaryResult
    }

    /// The state after `results` at `now`, and the changes (a destination seen for the first
    /// time is a change only when it is down).
    public func updated(with results: [CanaryResult], at now: Double) -> (state: CanaryState, changes: [Change]) {
        var next = self
        var changes: [Change] = []
        for result in results {
            let status = result.up ? "up" : "down"
            let old = destinations[result.destination]
            let changed = old.map { $0.status != status } ?? !result.up
            let entry = Entry(
                status: status, since: old.map { $0.status == status ? $0.since : now } ?? now, lastRun: now,
                lastSuccess: result.up ? now : old?.lastSuccess, codes: result.problems.map(\.code))
            next.destinations[result.destination] = entry
            if changed { changes.append(Change(destination: result.destination, old: old, new: entry, result: result)) }
        }
        return (next, changes)
    }

    /// "failing since …, last passed …" / "passing since …", for the terminal and reports.
    public func summary(of destination: String) -> String? {
        guard let entry = destinations[destination] else { return nil }
        func when(_ seconds: Double) -> String { LeadTimestamp(secondsSinceEpoch: Int64(seconds)).iso8601 }
        if entry.status == "up" { return "passing since \(when(entry.since))" }
        return "failing since \(when(entry.since)), "
            + (entry.lastSuccess.map { "last passed \(when($0))" } ?? "never passed")
    }
}
