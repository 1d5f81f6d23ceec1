import Foundation

/// A value shared between threads and tasks behind a lock: what a preflight measured, the
/// instance URL a token response named, a submission count, a stop flag raised by a signal.
public final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    /// Creates the box.
    public init(_ value: Value) { stored = value }

    /// The current value.
    public var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Reads and changes the value in one step.
    @discardableResult
    public func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.withLock { body(&stored) }
    }
}
