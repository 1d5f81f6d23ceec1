import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Puts one ``SandboxService`` on the network: its routes in a Hummingbird `Router`, behind
/// the shared faults (``FaultMiddleware``) and the service's answer to unrouted requests.
struct SandboxServer: Sendable {
    let service: any SandboxService
    let faults: FaultSet
    /// `http` or `https`.
    let scheme: String

    /// Thrown inside a response body to make NIO close the connection mid-response.
    struct DropConnection: Error {}

    /// The service's router.
    func router() -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        router.add(middleware: FaultMiddleware(server: self))
        router.add(middleware: UnroutedMiddleware(server: self))
        for route in service.routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await answer(request, context: context, with: route.handle)
            }
        }
        return router
    }

    /// Collects the body (up to what the real service accepts), hands the request to `handle`
    /// and renders its answer.
    func answer(_ request: Request, context: SandboxContext, with handle: (SandboxRequest) async -> SandboxResponse)
        async throws -> Response
    {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: service.maxBodyBytes)
        } catch {
            return Self.render(service.bodyTooLarge(), drop: false)
        }
        var sandboxRequest = SandboxRequest(head: request.head, body: Array(buffer: body), scheme: scheme)
        for (name, value) in context.parameters { sandboxRequest.parameters[String(name)] = String(value) }
        return Self.render(await handle(sandboxRequest), drop: context.dropsConnection)
    }

    /// The Hummingbird response; with `drop`, one that promises the whole body, sends half and
    /// fails the write so the connection closes.
    static func render(_ response: SandboxResponse, drop: Bool) -> Response {
        let status = HTTPResponse.Status(code: response.status)
        guard drop else {
            return Response(
                status: status, headers: response.headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
        }
        var fields = response.headers
        let bytes = response.body.isEmpty ? Array("{\"partial\":true}".utf8) : response.body
        fields[.contentLength] = String(bytes.count)
        let half = Array(bytes.prefix(max(1, bytes.count / 2)))
        return Response(
            status: status, headers: fields,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: half))
                throw DropConnection()
            })
    }
}
