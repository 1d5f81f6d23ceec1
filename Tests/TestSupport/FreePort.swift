import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Loopback ports for test servers.
public enum FreePort {
    /// A port that was free a moment ago (bind to 0, read it back, close). Another process could
    /// take it in between; on a test machine that race is rare enough.
    public static func next() throws -> Int {
        let (fd, port) = try LoopbackSocket.listen(backlog: 1)
        close(fd)
        return port
    }

    /// Waits until something accepts TCP connections on the port.
    public static func waitUntilListening(_ port: Int, timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            let connected = LoopbackSocket.connect(fd, port: port)
            close(fd)
            if connected == 0 { return }
            usleep(20_000)
        }
        throw POSIXFailure("nothing listening on 127.0.0.1:\(port) after \(timeout) s")
    }
}

/// A failed system call in test support.
public struct POSIXFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ what: String) { description = "\(what): \(String(cString: strerror(errno)))" }
}
