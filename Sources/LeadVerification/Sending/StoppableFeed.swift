import Foundation
import LeadModel

/// A feed that ends early once its flag is raised (Ctrl-C during `send`), so what was sent
/// is still summarised instead of lost with the process.
public struct StoppableFeed<Base: LeadFeed>: LeadFeed {
    private var base: Base
    private let flag: LockedValue<Bool>

    /// Wraps `base`.
    public init(_ base: Base, stopWhen flag: LockedValue<Bool>) {
        self.base = base
        self.flag = flag
    }

    /// The base feed's next lead, or nil once the flag is raised.
    public mutating func next() throws(LeadCheckError) -> Lead? {
        flag.value ? nil : try base.next()
    }
}
