import Foundation

/// Holds what a destination's preflight measured, for the report. Thread-safe.
final class FactsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var facts: ConnectionFacts?

    /// Records a response's facts (the first one only: the preflight's fresh connection).
    func record(_ response: HTTPResponse) {
        lock.withLock { if facts == nil { facts = ConnectionFacts(response) } }
    }

    /// The facts, once recorded.
    var value: ConnectionFacts? { lock.withLock { facts } }
}
