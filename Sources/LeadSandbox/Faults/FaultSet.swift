import Foundation
import Synchronization

/// The faults in force, changeable at run time through the inspection API, with the counters
/// the once-only faults need. Thread-safe.
public final class FaultSet: Sendable {
    private struct State: Sendable {
        var faults: [Fault]
        var failFirstRemaining: [FaultTarget: Int] = [:]
        var tokenExpiredUsed: Set<FaultTarget> = []
        var throttleRemaining: [FaultTarget: Int] = [:]
    }

    private let state: Mutex<State>

    /// Starts with these faults.
    public init(_ faults: [Fault] = []) {
        state = Mutex(State(faults: faults))
    }

    /// Replaces every fault and resets the counters.
    public func replace(with faults: [Fault]) {
        state.withLock { $0 = State(faults: faults) }
    }

    /// The specs in force.
    public var specs: [String] { state.withLock { $0.faults.map(\.description) } }

    /// The effects that apply to a service.
    public func effects(for service: FaultTarget) -> [Fault.Effect] {
        state.withLock { $0.faults.filter { $0.target.applies(to: service) }.map(\.effect) }
    }

    /// Whether `service` has the effect (compared ignoring associated values where noted).
    public func has(_ service: FaultTarget, _ matches: (Fault.Effect) -> Bool) -> Bool {
        effects(for: service).contains(where: matches)
    }

    /// For `fail-first=N`: true for the first N calls per service, then false.
    func consumeFailFirst(_ service: FaultTarget) -> Bool {
        consumeFirst(service, counters: \.failFirstRemaining) {
            if case .failFirst(let n) = $0 { return n }
            return nil
        }
    }

    /// For `throttle=N`: true for the first N calls per service, then false.
    func consumeThrottle(_ service: FaultTarget) -> Bool {
        consumeFirst(service, counters: \.throttleRemaining) {
            if case .throttle(let n?) = $0 { return n }
            return nil
        }
    }

    private func consumeFirst(
        _ service: FaultTarget, counters: WritableKeyPath<State, [FaultTarget: Int]> & Sendable,
        limit of: (Fault.Effect) -> Int?
    ) -> Bool {
        state.withLock { state in
            guard
                let limit = state.faults.filter({ $0.target.applies(to: service) }).compactMap({ of($0.effect) }).first
            else { return false }
            let remaining = state[keyPath: counters][service] ?? limit
            guard remaining > 0 else { return false }
            state[keyPath: counters][service] = remaining - 1
            return true
        }
    }

    /// For `token-expired`: true exactly once per service.
    func consumeTokenExpired(_ service: FaultTarget) -> Bool {
        state.withLock { state in
            let active = state.faults.contains { fault in
                if case .tokenExpired = fault.effect { return fault.target.applies(to: service) }
                return false
            }
            guard active, !state.tokenExpiredUsed.contains(service) else { return false }
            state.tokenExpiredUsed.insert(service)
            return true
        }
    }
}
