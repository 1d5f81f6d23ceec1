import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTLS
import NIOCore

/// Puts one ``SandboxService`` on the network with Hummingbird and applies the faults every
/// service shares (latency, throttle, forced status, fail-first, dropped connections) before
/// the service sees the request.
struct SandboxServer: Sendable {
    let service: any SandboxService
    let faults: FaultSet
    /// `http` or `https`.
    let scheme: String

    /// Thrown inside a response body to make NIO close the connection mid-response.
    struct DropConnection: Error {}

    func respond(_ request: Request) async throws -> Response {
        let effects = faults.effects(for: service.kind)
        var drop = false
        for effect in effects {
            switch effect {
            case let .latency(milliseconds): try await Task.sleep(for: .milliseconds(milliseconds))
            case .drop: drop = true
            default: break
            }
        }
        for effect in effects {
            switch effect {
            case let .throttle(first):
                if first == nil || faults.consumeThrottle(service.kind) { return render(service.throttled(), drop: drop) }
            case let .status(code): return render(service.forcedError(status: code), drop: drop)
            default: break
            }
        }
        if faults.consumeFailFirst(service.kind) { return render(service.forcedError(status: 500), drop: drop) }

        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: service.maxBodyBytes)
        } catch {
            return render(service.bodyTooLarge(), drop: false)
        }
        let sandboxRequest = SandboxRequest(head: request.head, body: Array(buffer: body), scheme: scheme)
        var response = await service.handle(sandboxRequest)
        response.dropMidway = response.dropMidway || drop
        return render(response, drop: response.dropMidway)
    }

    func render(_ response: SandboxResponse, drop: Bool) -> Response {
        var fields = response.httpFields
        let status = HTTPResponse.Status(code: response.status)
        guard drop else {
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
        }
        // Promise the whole body, send half, then fail the write so the connection closes.
        let bytes = response.body.isEmpty ? Array("{\"partial\":true}".utf8) : response.body
        fields[.contentLength] = String(bytes.count)
        let half = Array(bytes.prefix(max(1, bytes.count / 2)))
        return Response(status: status, headers: fields, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(bytes: half))
            throw DropConnection()
        })
    }
}
