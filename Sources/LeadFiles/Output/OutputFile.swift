import LeadModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's bulk output goes: a file, written to a temporary name beside it and renamed
/// into place only when complete, or standard output.
///
/// Writing to a temporary and renaming means a failed or interrupted run never leaves a
/// half-written fixture file that looks complete.
public final class OutputFile {
    private let fd: Int32
    private let path: String?
    private let temporaryPath: String?
    private var finished = false
    /// Opens `path` for writing, or standard output when `path` is `nil` or `-`.
    public init(path: String?) throws(LeadCheckError) {
        guard let path, path != "-" else {
            fd = STDOUT_FILENO
            self.path = nil
            temporaryPath = nil
            return
        }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw .outputUnwritable(path: path, reason: "it is a directory")
        }
        // A device or pipe (/dev/null, a FIFO) is written in place: there is nothing to rename.
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            let opened = open(path, O_WRONLY | O_CLOEXEC)
            guard opened >= 0 else { throw .outputUnwritable(path: path, reason: Self.errnoText()) }
            fd = opened
            self.path = path
            temporaryPath = nil
            return
        }
        let temporary = "\(path).tmp-\(getpid())"
        let opened = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw .outputUnwritable(path: path, reason: Self.errnoText())
        }
        fd = opened
        self.path = path
        temporaryPath = temporary
    }

    deinit {
        guard !finished, fd != STDOUT_FILENO else { return }
        close(fd)
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(LeadCheckError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
                let count = Glibc.write(fd, base + offset, bytes.count - offset)
            #else
                let count = Darwin.write(fd, base + offset, bytes.count - offset)
            #endif
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE && path == nil { throw .outputClosed }
                throw .outputUnwritable(path: path ?? "<stdout>", reason: Self.errnoText())
            }
            offset += count
        }
    }

    /// Closes the file and moves it into place. Standard output is left open.
    public func finish() throws(LeadCheckError) {
        guard !finished else { return }
        finished = true
        guard let path else { return }
        guard let temporaryPath else {
            if close(fd) != 0 { throw .outputUnwritable(path: path, reason: Self.errnoText()) }
            return
        }
        if close(fd) != 0 {
            let reason = Self.errnoText()
            unlink(temporaryPath)
            throw .outputUnwritable(path: path, reason: reason)
        }
        if rename(temporaryPath, path) != 0 {
            let reason = Self.errnoText()
            unlink(temporaryPath)
            throw .outputUnwritable(path: path, reason: reason)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Writes `text` to `path` whole or not at all (a report, a config, an endpoints file).
    public static func write(_ text: String, to path: String) throws(LeadCheckError) {
        let file = try OutputFile(path: path)
        try Array(text.utf8).withUnsafeBufferPointer { bytes throws(LeadCheckError) in try file.write(bytes) }
        try file.finish()
    }
}
