import Foundation

/// The faults in force, changeable at run time through the inspection API, with the counters
/// the once-only faults need. Thread-safe.
public final class FaultSet: @unchecked Sendable {
    private let lock = NSLock()
    private var faults: [Fault]
    private var failFirstRemaining: [FaultTarget: Int] = [:]
    private var tokenExpiredUsed: Set<FaultTarget> = []
    private var throttleRemaining: [FaultTarget: Int] = [:]

    /// Starts with these faults.
    public init(_ faults: [Fault] = []) {
        self.faults = faults
    }

    /// Replaces every fault and resets the counters.
    public func replace(with faults: [Fault]) {
        lock.lock()
        self.faults = faults
        failFirstRemaining.removeAll()
        tokenExpiredUsed.removeAll()
        throttleRemaining.removeAll()
        lock.unlock()
    }

    /// The specs in force.
    public var specs: [String] {
        lock.lock()
        defer { lock.unlock() }
        return faults.map(\.description)
    }

    /// The effects that apply to a service.
    public func effects(for service: FaultTarget) -> [Fault.Effect] {
        lock.lock()
        defer { lock.unlock() }
        return faults.filter { $0.target.applies(to: service) }.map(\.effect)
    }

    /// Whether `service` has the effect (compared ignoring associated values where noted).
    public func has(_ service: FaultTarget, _ matches: (Fault.Effect) -> Bool) -> Bool {
        effects(for: service).contains(where: matches)
    }

    /// For `fail-first=N`: true for the first N calls per service, then false.
    func consumeFailFirst(_ service: FaultTarget) -> Bool {
        consumeFirst(service, counters: \.failFirstRemaining) { if case let .failFirst(n) = $0 { return n }; return nil }
    }

    /// For `throttle=N`: true for the first N calls per service, then false.
    func consumeThrottle(_ service: FaultTarget) -> Bool {
        consumeFirst(service, counters: \.throttleRemaining) { if case let .throttle(n?) = $0 { return n }; return nil }
    }

    private func consumeFirst(_ service: FaultTarget, counters: ReferenceWritableKeyPath<FaultSet, [FaultTarget: Int]>, limit of: (Fault.Effect) -> Int?) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let limit = faults.filter({ $0.target.applies(to: service) }).compactMap({ of($0.effect) }).first else { return false }
        let remaining = self[keyPath: counters][service] ?? limit
        guard remaining > 0 else { return false }
        self[keyPath: counters][service] = remaining - 1
        return true
    }

    /// For `token-expired`: true exactly once per service.
    func consumeTokenExpired(_ service: FaultTarget) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let active = faults.contains { fault in
            if case .tokenExpired = fault.effect { return fault.target.applies(to: service) }
            return false
        }
        guard active, !tokenExpiredUsed.contains(service) else { return false }
        tokenExpiredUsed.insert(service)
        return true
    }
}
