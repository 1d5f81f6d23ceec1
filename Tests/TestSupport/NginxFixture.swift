import Foundation
import LeadSandbox

#if canImport(Glibc)
    import Glibc
#endif

/// A real nginx (Debian's package, installed by scripts/test) on loopback, with one plain HTTP
/// server and four HTTPS servers whose certificates the fixture makes: trusted, untrusted (another
/// CA), wrong host name, and expired.
public final class NginxFixture: @unchecked Sendable {
    /// Plain HTTP: `/` answers 202 (a Power Automate sink), `/echo-auth` echoes Authorization,
    /// `/redirect-other-host` redirects to localhost, `/redirect-loop` redirects to itself.
    public let httpPort: Int
    /// HTTPS with a certificate from ``trustedCA`` for 127.0.0.1 and localhost.
    public let trustedPort: Int
    /// HTTPS with a certificate from a CA nobody trusts.
    public let untrustedPort: Int
    /// HTTPS with a certificate for `wrong.example` only.
    public let wrongHostPort: Int
    /// HTTPS with a certificate that expired yesterday.
    public let expiredPort: Int
    /// PEM file of the CA clients should trust.
    public let caFile: String
    /// The access log: `$connection $connection_requests $status` per line.
    public let accessLog: String

    private let directory: TemporaryDirectory
    private let process: Process

    /// The shared instance, started on first use.
    public static let shared: Result<NginxFixture, any Error> = Result { try NginxFixture() }

    /// The nginx binary, or nil when it is not installed.
    public static var binary: String? {
        ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    public init() throws {
        guard let binary = Self.binary else {
            throw POSIXFailure("nginx is not installed (scripts/test installs Debian's nginx-light)")
        }
        directory = try TemporaryDirectory()
        let dir = directory.url.path
        httpPort = try FreePort.next()
        trustedPort = try FreePort.next()
        untrustedPort = try FreePort.next()
        wrongHostPort = try FreePort.next()
        expiredPort = try FreePort.next()

        let trusted = try CertificateAuthority(commonName: "leadcheck test CA")
        let stranger = try CertificateAuthority(commonName: "unknown test CA")
        let now = Date()
        let certificates: [(String, IssuedCertificate)] = [
            (
                "trusted",
                try trusted.issue(commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
            ),
            (
                "untrusted",
                try stranger.issue(commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
            ),
            ("wronghost", try trusted.issue(commonName: "wrong.example", dnsNames: ["wrong.example"])),
            (
                "expired",
                try trusted.issue(
                    commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"],
                    notValidBefore: now.addingTimeInterval(-30 * 86_400), notValidAfter: now.addingTimeInterval(-86_400)
                )
            ),
        ]
        for (name, issued) in certificates {
            try issued.chainPEM.write(toFile: "\(dir)/\(name).pem", atomically: true, encoding: .utf8)
            try issued.privateKeyPEM.write(toFile: "\(dir)/\(name).key", atomically: true, encoding: .utf8)
        }
        caFile = "\(dir)/ca.pem"
        try trusted.certificatePEM().write(toFile: caFile, atomically: true, encoding: .utf8)
        accessLog = "\(dir)/access.log"

        func tlsServer(_ port: Int, _ name: String) -> String {
            """
                server {
                    listen 127.0.0.1:\(port) ssl;
                    ssl_certificate \(dir)/\(name).pem;
                    ssl_certificate_key \(dir)/\(name).key;
                    location / { return 200 "ok"; }
                }
            """
        }
        let config = """
            \(getuid() == 0 ? "user root root;" : "")
            worker_processes 1;
            pid \(dir)/nginx.pid;
            error_log \(dir)/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format conn '$connection $connection_requests $status';
                access_log \(dir)/access.log conn;
                client_body_temp_path \(dir)/body;
                proxy_temp_path \(dir)/proxy;
                fastcgi_temp_path \(dir)/fastcgi;
                uwsgi_temp_path \(dir)/uwsgi;
                scgi_temp_path \(dir)/scgi;
                keepalive_requests 1000000;
                keepalive_timeout 60s;
                server {
                    listen 127.0.0.1:\(httpPort);
                    location = /echo-auth { return 200 "auth=[$http_authorization]"; }
                    location = /redirect-other-host { return 302 http://localhost:\(httpPort)/echo-auth; }
                    location = /redirect-loop { return 302 http://127.0.0.1:\(httpPort)/redirect-loop; }
                    location / { return 202; }
                }
            \(tlsServer(trustedPort, "trusted"))
            \(tlsServer(untrustedPort, "untrusted"))
            \(tlsServer(wrongHostPort, "wronghost"))
            \(tlsServer(expiredPort, "expired"))
            }
            """
        try config.write(toFile: "\(dir)/nginx.conf", atomically: true, encoding: .utf8)

        process = ChildProcesses.watched(binary, ["-p", dir, "-c", "\(dir)/nginx.conf", "-g", "daemon off;"])
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let stderrPath = "\(dir)/stderr.log"
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
        do {
            for port in [httpPort, trustedPort, untrustedPort, wrongHostPort, expiredPort] {
                try FreePort.waitUntilListening(port)
            }
        } catch {
            let log = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            let errorLog = (try? String(contentsOfFile: "\(dir)/error.log", encoding: .utf8)) ?? ""
            throw POSIXFailure("nginx did not start: \(error) \(log) \(errorLog)")
        }
    }

    deinit {
        process.terminate()
    }

    /// Base URL of the plain server.
    public var httpURL: String { "http://127.0.0.1:\(httpPort)" }
}
