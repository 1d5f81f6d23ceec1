import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file (or standard input) line by line in fixed-size chunks, so input of any size uses
/// flat memory. Lines are split on `\n`; a trailing `\r` is dropped.
public final class LineReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The name errors use: the path, or `<stdin>`.
    public let name: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0
    /// Longest line accepted; a longer one is an input error rather than unbounded memory.
    public let maxLineBytes: Int

    /// Opens `path`, or standard input for `-`.
    public init(path: String, maxLineBytes: Int = 16 << 20) throws(LeadCheckError) {
        self.maxLineBytes = maxLineBytes
        if path == "-" {
            fd = STDIN_FILENO
            ownsDescriptor = false
            name = "<stdin>"
        } else {
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else { throw .inputUnreadable(path: path, reason: String(cString: strerror(errno))) }
            fd = opened
            ownsDescriptor = true
            name = path
        }
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// The next line without its terminator, or `nil` at the end.
    public func next() throws(LeadCheckError) -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var line = Array(buffer[start..<newline])
                start = newline + 1
                if line.last == 0x0D { line.removeLast() }
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                start = buffer.count
                if line.last == 0x0D { line.removeLast() }
                lineNumber += 1
                return line
            }
            if buffer.count - start > maxLineBytes {
                throw .invalidInput(
                    location: "\(name):\(lineNumber + 1)", reason: "line longer than \(maxLineBytes) bytes")
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .inputUnreadable(path: name, reason: String(cString: strerror(errno)))
            }
            if n == 0 { atEnd = true } else { buffer.append(contentsOf: chunk[..<n]) }
        }
    }
}
