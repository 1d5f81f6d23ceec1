import Foundation

/// Raised from a signal handler (Ctrl-C), read by a ``StoppableFeed``. Thread-safe.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    /// Creates a lowered flag.
    public init() {}

    /// Raises it.
    public func raise() { lock.withLock { raised = true } }

    /// Whether it was raised.
    public var isRaised: Bool { lock.withLock { raised } }
}
