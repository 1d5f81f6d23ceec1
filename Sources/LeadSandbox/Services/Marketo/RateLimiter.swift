import Foundation
import Synchronization

/// Marketo's limits: at most 100 calls in any 20 seconds and 10 in flight (docs/reference/marketo.md
/// §2). Thread-safe.
final class RateLimiter: Sendable {
    private let state = Mutex<(calls: [Date], inFlight: Int)>(([], 0))
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
        let (window, concurrent, perWindow) = (self.window, self.concurrent, self.perWindow)
        return state.withLock { state in
            let now = Date()
            state.calls.removeAll { now.timeIntervalSince($0) > window }
            if state.inFlight >= concurrent { return "615" }
            if state.calls.count >= perWindow { return "606" }
            state.calls.append(now)
            state.inFlight += 1
            return nil
        }
    }

    /// Ends an admitted call.
    func finish() { state.withLock { $0.inFlight -= 1 } }
}
