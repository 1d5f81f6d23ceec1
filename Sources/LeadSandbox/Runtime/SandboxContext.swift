import Hummingbird

/// The request context the sandbox's routers run with: Hummingbird's own storage, and whether
/// the `drop` fault cuts this answer off.
struct SandboxContext: RequestContext {
    /// Hummingbird's per-request storage (route parameters among it).
    var coreContext: CoreRequestContextStorage
    /// Set by ``FaultMiddleware`` under the `drop` fault: half the answer is sent, then the
    /// connection closes.
    var dropsConnection = false

    /// A context for a request arriving on a channel.
    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
