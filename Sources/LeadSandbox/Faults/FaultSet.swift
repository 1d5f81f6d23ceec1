import Foundation

/// The faults in force, changeable at run time through the inspection API, with the counters
/// the once-only faults need. Thread-safe.
public final class FaultSet: @unchecked Sendable {
    private let lock = NSLock()
    private var faults: [Fault]
    private var failFirstRemaining: [FaultTarget: Int] = [:]
    private var tokenExpiredUsed: Set<FaultTarget> = []

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
        lock.lock()
        defer { lock.unlock() }
        guard let limit = faults.filter({ $0.target.applies(to: service) }).compactMap({ fault -> Int? in
            if case let .failFirst(n) = fault.effect { return n }
            return nil
        }).first else { return false }
        let remaining = failFirstRemaining[service] ?? limit
        guard remaining > 0 else { return false }
        failFirstRemaining[service] = remaining - 1
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
