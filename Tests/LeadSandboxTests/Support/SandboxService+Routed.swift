import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

@testable import LeadSandbox

extension SandboxService {
    /// The service's answer through the router and middleware the sandbox serves it with, on an
    /// embedded channel instead of a socket.
    func routed(_ request: SandboxRequest, faults: FaultSet = FaultSet()) async -> SandboxResponse {
        let responder = SandboxServer(service: self, faults: faults, scheme: request.scheme).router().buildResponder()
        var head = HTTPTypes.HTTPRequest(
            method: HTTPTypes.HTTPRequest.Method(request.method)!, scheme: request.scheme, authority: request.authority,
            path: request.path + (request.query.map { "?\($0)" } ?? ""))
        head.headerFields = request.headers
        let context = SandboxContext(
            source: ApplicationRequestContextSource(
                channel: EmbeddedChannel(), logger: Logger(label: "leadcheck.tests")))
        do {
            let response = try await responder.respond(
                to: Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: request.body))), context: context)
            let collected = CollectedBody()
            try await response.body.write(CollectingWriter(into: collected))
            return SandboxResponse(status: response.status.code, headers: response.headers, body: collected.bytes)
        } catch {
            return SandboxResponse(status: 599, body: Array("the router threw \(error)".utf8))
        }
    }
}

/// Where ``CollectingWriter`` puts a response body.
final class CollectedBody: @unchecked Sendable {
    var bytes: [UInt8] = []
}

/// A response-body writer that keeps what it is given.
struct CollectingWriter: ResponseBodyWriter {
    let into: CollectedBody
    mutating func write(_ buffer: ByteBuffer) async throws { into.bytes += Array(buffer: buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension HTTPFields {
    /// Fields from name–value pairs, in order.
    init(_ pairs: [(String, String)]) {
        self.init()
        for (name, value) in pairs { append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
    }
}
