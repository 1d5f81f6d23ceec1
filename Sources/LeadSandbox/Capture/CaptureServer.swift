import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// The server behind `leadcheck listen`: every request, whatever its method or path, is handed
/// to `handle` as it arrived and answered as `handle` says. It checks nothing and changes
/// nothing: it is there to see what a sender (Partner Center, Microsoft's connector) really sends.
public struct CaptureServer: Sendable {
    public let host: String
    public let port: Int
    public let tls: Bool
    public let caFile: String?
    /// How long each request waits before it is handled (`--delay`).
    public let delayMilliseconds: Int
    public let handle: @Sendable (CapturedRequest) async -> CapturedAnswer

    /// Creates a server; `tls` serves HTTPS with a CA generated now, written to `caFile`.
    public init(
        host: String, port: Int, tls: Bool, caFile: String?, delayMilliseconds: Int = 0,
        handle: @escaping @Sendable (CapturedRequest) async -> CapturedAnswer
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.caFile = caFile
        self.delayMilliseconds = delayMilliseconds
        self.handle = handle
    }

    /// The service the shared runtime serves: no routes, so every request is "unrouted".
    struct Service: SandboxService {
        let delayMilliseconds: Int
        let handle: @Sendable (CapturedRequest) async -> CapturedAnswer
        var kind: FaultTarget { .all }
        /// A lead is kilobytes; this bounds what one request may hold.
        var maxBodyBytes: Int { 10 << 20 }
        var routes: [SandboxRoute] { [] }

        func unrouted(_ request: SandboxRequest) async -> SandboxResponse {
            let target = request.path + (request.query.map { "?\($0)" } ?? "")
            // HTTPTypes keeps Host apart from the other fields; on the wire it came first.
            let headers = [["Host", request.authority]] + request.headers.map { [$0.name.rawName, $0.value] }
            if delayMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(delayMilliseconds)) }
            let answer = await handle(
                CapturedRequest(
                    method: request.method, target: target, headers: headers, body: request.body, scheme: request.scheme
                ))
            var fields = HTTPFields()
            for header in answer.headers where header.count == 2 {
                guard let name = HTTPField.Name(header[0]),
                    !["content-length", "transfer-encoding", "connection"].contains(header[0].lowercased())
                else { continue }
                fields.append(HTTPField(name: name, value: header[1]))
            }
            return SandboxResponse(status: answer.status, headers: fields, body: answer.body)
        }

        func forcedError(status: Int) -> SandboxResponse { SandboxResponse(status: status) }
        func throttled() -> SandboxResponse { SandboxResponse(status: 429) }
        func bodyTooLarge() -> SandboxResponse { SandboxResponse(status: 413) }
    }

    /// Serves until SIGINT or SIGTERM (or the task is cancelled); `onReady` gets the base URL
    /// once it listens.
    public func run(onReady: @escaping @Sendable (String) async -> Void) async throws {
        var logger = Logger(label: "leadcheck.listen")
        logger.logLevel = .warning
        var tlsConfiguration: TLSConfiguration?
        if tls {
            let authority = try CertificateAuthority()
            let ip = host.split(separator: ".").count == 4 ? [host] : []
            let issued = try authority.issue(commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ip)
            let path =
                caFile
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("leadcheck-listen-ca-\(getpid()).pem")
                .path
            try authority.certificatePEM().write(toFile: path, atomically: true, encoding: .utf8)
            let chain = try NIOSSLCertificate.fromPEMBytes(Array(issued.chainPEM.utf8)).map {
                NIOSSLCertificateSource.certificate($0)
            }
            let key = try NIOSSLPrivateKey(bytes: Array(issued.privateKeyPEM.utf8), format: .pem)
            tlsConfiguration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(key))
        }
        let scheme = tls ? "https" : "http"
        let server = SandboxServer(
            service: Service(delayMilliseconds: delayMilliseconds, handle: handle), faults: FaultSet(), scheme: scheme)
        let builder: HTTPServerBuilder =
            try tlsConfiguration.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1()
        let (host, port) = (self.host, self.port)
        let app = Application(
            router: server.router(), server: builder,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let shown = host.contains(":") ? "[\(host)]" : host
                await onReady("\(scheme)://\(shown):\(channel.localAddress?.port ?? port)")
            },
            eventLoopGroupProvider: .shared(Sandbox.eventLoops),
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
