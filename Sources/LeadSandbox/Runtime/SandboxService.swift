import HTTPTypes

/// One emulated destination: a table of routes over the store, plain request → response
/// functions tested without sockets; ``SandboxServer`` puts them in Hummingbird's router behind
/// the faults every service shares.
public protocol SandboxService: Sendable {
    /// Which service this is, for faults and the endpoints file.
    var kind: FaultTarget { get }
    /// The largest request body the real service accepts.
    var maxBodyBytes: Int { get }
    /// The methods and paths the service answers.
    var routes: [SandboxRoute] { get }
    /// The service's own answer to a request no route matches.
    func unrouted(_ request: SandboxRequest) async -> SandboxResponse
    /// The service's own error for a forced status (the `status` and `fail-first` faults).
    func forcedError(status: Int) -> SandboxResponse
    /// The service's answer when throttled.
    func throttled() -> SandboxResponse
    /// The service's answer to a body over `maxBodyBytes`.
    func bodyTooLarge() -> SandboxResponse
}
