import Foundation

/// Counts uses per UTC day (Web-to-Lead submissions, REST calls). Thread-safe.
final class DailyQuota: @unchecked Sendable {
    private let lock = NSLock()
    private var day = ""
    private var used = 0

    /// Counts one submission; returns how many were used today including it.
    func take() -> Int {
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        return lock.withLock {
            if day != today { day = today; used = 0 }
            used += 1
            return used
        }
    }
}
