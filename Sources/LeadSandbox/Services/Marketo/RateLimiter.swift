import Foundation

/// Marketo's limits: at most 100 calls in any 20 seconds and 10 in flight (docs/reference/marketo.md
/// §2). Thread-safe.
final class RateLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [Date] = []
    private var inFlight = 0
    let perWindow: Int
    let window: TimeInterval
    let concurrent: Int

    init(perWindow: Int = 100, window: TimeInterval = 20, concurrent: Int = 10) {
        self.perWindow = perWindow
        self.window = window
        self.concurrent = concurrent
    }

    /// Admits a call, or says which limit it hit: `606` (rate) or `615` (concurrency).
    func admit() -> String? {
        lock.withLock {
            let now = Date()
            calls.removeAll { now.timeIntervalSince($0) > window }
            if inFlight >= concurrent { return "615" }
            if calls.count >= perWindow { return "606" }
            calls.append(now)
            inFlight += 1
            return nil
        }
    }

    /// Ends an admitted call.
    func finish() { lock.withLock { inFlight -= 1 } }
}
