import Hummingbird

/// Gives a request no route matches to the service's own answer for it (its 404, 405 or 501
/// in its own error shape) instead of Hummingbird's bare 404.
struct UnroutedMiddleware: RouterMiddleware {
    let server: SandboxServer

    func handle(_ request: Request, context: SandboxContext, next: (Request, SandboxContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return try await server.answer(request, context: context, with: server.service.unrouted)
        }
    }
}
