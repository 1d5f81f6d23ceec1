import Synchronization

/// A value shared between threads and tasks behind the standard library's `Mutex` (leadcheck is
/// Linux-only; the Synchronization module is there on every Swift 6 toolchain): what a preflight
/// measured, the instance URL a token response named, a submission count, a stop flag raised by
/// a signal.
public final class LockedValue<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// Creates the box.
    public init(_ value: Value) { mutex = Mutex(value) }

    /// The current value.
    public var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }

    /// Reads and changes the value in one step.
    @discardableResult
    public func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
