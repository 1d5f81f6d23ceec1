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
        if !finished, let temporaryPath {
            close(fd)
            unlink(temporaryPath)
        }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    public func write(_ bytes: [UInt8]) throws(LeadCheckError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE && path == nil { throw .outputClosed }
                throw .outputUnwritable(path: path ?? "<stdout>", reason: Self.errnoText())
            }
            offset += written
        }
    }

    /// Closes the file and moves it into place. Standard output is left open.
    public func finish() throws(LeadCheckError) {
        guard !finished else { return }
        finished = true
        guard let path, let temporaryPath else { return }
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
}
