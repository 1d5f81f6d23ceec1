import Foundation

/// Counts submissions from concurrent leads. Thread-safe.
final class SubmissionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Counts one.
    func increment() { lock.withLock { count += 1 } }

    /// The count so far.
    var value: Int { lock.withLock { count } }
}
