import Hummingbird

/// The faults every service shares, applied before routing: latency, a dropped connection,
/// throttling, a forced status and fail-first. Each answers with the service's own error shape.
struct FaultMiddleware: RouterMiddleware {
    let server: SandboxServer

    func handle(_ request: Request, context: SandboxContext, next: (Request, SandboxContext) async throws -> Response)
        async throws -> Response
    {
        let service = server.service
        let faults = server.faults
        let effects = faults.effects(for: service.kind)
        var context = context
        for effect in effects {
            switch effect {
            case .latency(let milliseconds): try await Task.sleep(for: .milliseconds(milliseconds))
            case .drop: context.dropsConnection = true
            default: break
            }
        }
        for effect in effects {
            switch effect {
            case .throttle(let first):
                if first == nil || faults.consumeThrottle(service.kind) {
                    return SandboxServer.render(service.throttled(), drop: context.dropsConnection)
                }
            case .status(let code):
                return SandboxServer.render(service.forcedError(status: code), drop: context.dropsConnection)
            default: break
            }
        }
        if faults.consumeFailFirst(service.kind) {
            return SandboxServer.render(service.forcedError(status: 500), drop: context.dropsConnection)
        }
        return try await next(request, context)
    }
}
