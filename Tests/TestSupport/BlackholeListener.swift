import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback port whose accept queue is full and never drained, so a new TCP connect gets no
/// SYN-ACK and times out: the only way to provoke `connect.timeout` without leaving loopback.
public final class BlackholeListener: @unchecked Sendable {
    /// The port.
    public let port: Int
    private let listener: Int32
    private var fillers: [Int32] = []

    public init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 0) == 0 else { throw POSIXFailure("bind/listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        // Fill the queue with non-blocking connects that are never accepted.
        for _ in 0..<4 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fillers.append(fd)
        }
        usleep(100_000)
    }

    deinit {
        for fd in fillers { close(fd) }
        close(listener)
    }

    /// The base URL.
    public var url: String { "http://127.0.0.1:\(port)" }
}
