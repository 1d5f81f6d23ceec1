import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately misbehaving HTTP server on loopback, written on raw sockets so it can do
/// what no well-behaved server will: stall, close mid-body, send garbage, send 50 MiB, trickle.
///
/// Behaviour is chosen by the request path:
/// `/ok` (keep-alive 200), `/stall`, `/close-mid-body`, `/garbage`, `/huge` (50 MiB with
/// Content-Length), `/huge-chunked` (50 MiB chunked), `/trickle` (one byte a second),
/// `/no-response` (close right after the request), `/status/NNN` (keep-alive, that status), and
/// any path registered with ``script(_:status:body:)`` (the longest matching path prefix wins).
public final class RawServer: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var accepted = 0
    private var log: [String] = []
    private var open: Set<Int32> = []
    private var stopped = false
    private var scripts: [String: Scripted] = [:]

    /// A registered answer.
    public enum Scripted: Sendable {
        /// This status and JSON body, keep-alive.
        case json(status: Int, body: String)
        /// These bytes exactly (status line, headers, body), then close.
        case raw([UInt8])
        /// One of the built-in behaviours: `/trickle`, `/huge`, `/stall`, `/garbage`, …
        case route(String)
    }

    /// Answers every request whose path starts with `prefix` with this status and JSON body.
    /// A prefix may start with a method (`"POST /api"`) to match that method only.
    public func script(_ prefix: String, status: Int, body: String) {
        script(prefix, .json(status: status, body: body))
    }

    /// Answers every request matching `prefix` (see ``script(_:status:body:)``) this way.
    public func script(_ prefix: String, _ answer: Scripted) {
        lock.withLock { scripts[prefix] = answer }
    }

    /// Forgets every scripted answer.
    public func clearScripts() {
        lock.withLock { scripts.removeAll() }
    }

    /// The shared instance, started on first use.
    public static let shared: Result<RawServer, any Error> = Result { try RawServer() }

    public init() throws {
        (listener, port) = try LoopbackSocket.listen(backlog: 128)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// The base URL.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// The request lines (`POST /hook`, without the query) received so far, in order.
    public var received: [String] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    /// How many TCP connections it has accepted so far.
    public var acceptedConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return accepted
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            lock.lock()
            accepted += 1
            open.insert(fd)
            lock.unlock()
            let thread = Thread { [self] in
                serve(fd)
                lock.lock()
                open.remove(fd)
                lock.unlock()
                close(fd)
            }
            thread.start()
        }
    }

    /// Reads one request head (and its Content-Length body); nil when the peer closed.
    private func readRequest(_ fd: Int32) -> String? {
        var data = [UInt8]()
        var byte: UInt8 = 0
        while !(data.count >= 4 && data.suffix(4) == [13, 10, 13, 10]) {
            let n = recv(fd, &byte, 1, 0)
            if n <= 0 { return nil }
            data.append(byte)
            if data.count > 65536 { return nil }
        }
        let head = String(decoding: data, as: UTF8.self)
        if let line = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
            let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)), length > 0
        {
            var remaining = length
            var buffer = [UInt8](repeating: 0, count: 65536)
            while remaining > 0 {
                let n = recv(fd, &buffer, min(remaining, buffer.count), 0)
                if n <= 0 { return nil }
                remaining -= n
            }
        }
        let requestLine = head.split(separator: "\r\n").first ?? ""
        let parts = requestLine.split(separator: " ")
        return parts.count > 1 ? "\(parts[0]) \(parts[1])" : "GET /"
    }

    @discardableResult
    private func send(_ fd: Int32, _ text: String) -> Bool {
        send(fd, Array(text.utf8))
    }

    @discardableResult
    private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        LoopbackSocket.sendAll(fd, bytes)
    }

    private func serve(_ fd: Int32) {
        while let line = readRequest(fd) {
            let method = String(line.prefix { $0 != " " })
            let path = String(line.dropFirst(method.count + 1))
            var route = path.split(separator: "?").first.map(String.init) ?? path
            lock.withLock { log.append("\(method) \(route)") }
            let scripted = lock.withLock {
                scripts.filter { key, _ in
                    guard let space = key.firstIndex(of: " ") else { return route.hasPrefix(key) }
                    return key[..<space] == method && route.hasPrefix(key[key.index(after: space)...])
                }.max { $0.key.count < $1.key.count }?.value
            }
            switch scripted {
            case .json(let status, let body)?:
                if !send(
                    fd,
                    "HTTP/1.1 \(status) Scripted\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                ) {
                    return
                }
                continue
            case .raw(let bytes)?:
                send(fd, bytes)
                return
            case .route(let builtIn)?:
                route = builtIn
            case nil:
                break
            }
            switch route {
            case "/ok":
                if !send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok") { return }
                continue
            case "/stall":
                var byte: UInt8 = 0
                _ = recv(fd, &byte, 1, 0) // until the client gives up
                return
            case "/close-mid-body":
                send(
                    fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: application/json\r\n\r\n{\"partial\":"
                )
                return
            case "/garbage":
                send(fd, "SSH-2.0-OpenSSH_9.2\r\nthis is not http at all\r\n\r\n")
                return
            case "/no-response":
                return
            case "/huge", "/huge-chunked":
                let size = 50 << 20
                let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 16)
                if route == "/huge" {
                    guard send(fd, "HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\nContent-Type: text/plain\r\n\r\n")
                    else { return }
                    var sent = 0
                    while sent < size, send(fd, chunk) { sent += chunk.count }
                } else {
                    guard send(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n")
                    else { return }
                    var sent = 0
                    let header = Array(String(chunk.count, radix: 16).utf8) + [13, 10]
                    while sent < size, send(fd, header + chunk + [13, 10]) { sent += chunk.count }
                    send(fd, "0\r\n\r\n")
                }
                return
            case "/trickle":
                guard send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n") else {
                    return
                }
                for _ in 0..<100 {
                    guard send(fd, "x") else { return }
                    sleep(1)
                }
                return
            case let status where status.hasPrefix("/status/"):
                let code = Int(status.dropFirst("/status/".count)) ?? 500
                let body = "{\"error\":\"status \(code)\"}"
                if !send(
                    fd,
                    "HTTP/1.1 \(code) Test\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                ) {
                    return
                }
                continue
            default:
                send(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                continue
            }
        }
    }
}
