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
        (listener, port) = try LoopbackSocket.listen(backlog: 0)
        // Fill the queue with non-blocking connects that are never accepted.
        for _ in 0..<4 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            LoopbackSocket.connect(fd, port: port)
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
