/// The one way leadcheck waits before trying again — a lead not visible yet, a run still
/// running, a throttled call: a delay that doubles up to a ceiling, never past a deadline.
public struct Backoff: Sendable {
    /// No wait ends after this.
    public let deadline: ContinuousClock.Instant
    /// The next wait.
    public private(set) var delay: Duration
    /// The longest wait.
    public let maximum: Duration

    /// Starts at `first`, doubling up to `maximum`, until `deadline`.
    public init(first: Duration, maximum: Duration, deadline: ContinuousClock.Instant) {
        delay = first
        self.maximum = maximum
        self.deadline = deadline
    }

    /// Waits the next delay — or `requested` (a `Retry-After`) when given — and returns true;
    /// returns false at once when that wait would pass the deadline or the task is cancelled.
    public mutating func wait(_ requested: Duration? = nil) async -> Bool {
        let wait = requested.flatMap { $0 > .zero ? $0 : nil } ?? delay
        guard ContinuousClock.now + wait < deadline, !Task.isCancelled else { return false }
        try? await Task.sleep(for: wait)
        delay = min(delay * 2, maximum)
        // A sleep cut short by cancellation is no wait: no try after it.
        return !Task.isCancelled
    }
}
