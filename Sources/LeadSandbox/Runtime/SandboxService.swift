/// One emulated destination. Implementations are plain request → response functions over the
/// store, so they are tested without sockets; ``SandboxServer`` puts them on the network and
/// applies the faults every service shares.
public protocol SandboxService: Sendable {
    /// Which service this is, for faults and the endpoints file.
    var kind: FaultTarget { get }
    /// The largest request body the real service accepts.
    var maxBodyBytes: Int { get }
    /// Answers one request.
    func handle(_ request: SandboxRequest) async -> SandboxResponse
    /// The service's own error for a forced status (the `status` and `fail-first` faults).
    func forcedError(status: Int) -> SandboxResponse
    /// The service's answer when throttled.
    func throttled() -> SandboxResponse
    /// The service's answer to a body over `maxBodyBytes`.
    func bodyTooLarge() -> SandboxResponse
}
