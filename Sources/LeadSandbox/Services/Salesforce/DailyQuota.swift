import Foundation
import Synchronization

/// Counts uses per UTC day (Web-to-Lead submissions, REST calls). Thread-safe.
final class DailyQuota: Sendable {
    private let state = Mutex((day: "", used: 0))

    /// Counts one submission; returns how many were used today including it.
    func take() -> Int {
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        return state.withLock { state in
            if state.day != today { state = (today, 0) }
            state.used += 1
            return state.used
        }
    }
}
