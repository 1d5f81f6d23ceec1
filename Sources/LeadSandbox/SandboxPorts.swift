import LeadModel

/// How the sandbox lays its five emulated services out on consecutive ports, so a single
/// `--port-base` tells a user and a config where everything is.
public struct SandboxPorts: Sendable, Hashable {
    /// The first port; each destination kind takes the next one in ``DestinationKind`` order,
    /// and the inspection API the one after.
    public var base: Int

    /// Creates a layout starting at `base`.
    public init(base: Int) { self.base = base }

    /// The port a destination kind is served on.
    public func port(for kind: DestinationKind) -> Int {
        base + DestinationKind.allCases.firstIndex(of: kind)!
    }

    /// The port of the inspection API.
    public var inspection: Int { base + DestinationKind.allCases.count }
}
