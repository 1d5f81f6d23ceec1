import Foundation
import LeadModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A file that lines are appended to, each written whole and flushed to disk before the call
/// returns — the run journal and `listen`'s capture both rely on a line being there once the call
/// returns. Created `0600` (what is appended holds lead data). `-` is standard output, where
/// there is nothing to flush. The blocking writes run on a queue of their own, never on Swift's
/// cooperative pool; a failed write (a full disk, a closed pipe) is an error, never a trap.
public final class AppendOnlyFile: Sendable {
    /// Where it is written (`-` for standard output).
    public let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// One write (and its fsync) at a time.
    private let writing = Mutex(())
    private let queue: DispatchQueue

    /// Opens (creating it and its directory) `path` for appending.
    public init(path: String, label: String) throws(LeadCheckError) {
        self.path = path
        queue = DispatchQueue(label: label)
        if path == "-" {
            fd = STDOUT_FILENO
            ownsDescriptor = false
            return
        }
        // Not NSString.deletingLastPathComponent: Foundation traps on a one-character file name.
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !directory.isEmpty {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw .outputUnwritable(
                    path: path, reason: "cannot create its directory: \(error.localizedDescription)")
            }
        }
        let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw .outputUnwritable(path: path, reason: String(cString: strerror(errno))) }
        fd = opened
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// Appends `line` (which ends in a newline) and flushes it, on this file's own queue.
    public func append(_ line: Data) async throws(LeadCheckError) {
        let result: Result<Void, LeadCheckError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(LeadCheckError) in try self.appendBlocking(line) })
            }
        }
        try result.get()
    }

    /// Appends and flushes on the calling thread (for callers already off the cooperative pool).
    public func appendBlocking(_ line: Data) throws(LeadCheckError) {
        let fd = fd
        let flush = ownsDescriptor
        let failure: String? = writing.withLock { _ in
            var offset = 0
            while offset < line.count {
                // A pipe may take part of a line; EINTR is tried again.
                let written = line.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return flush && fsync(fd) != 0 ? String(cString: strerror(errno)) : nil
        }
        if let failure { throw .outputUnwritable(path: path == "-" ? "standard output" : path, reason: failure) }
    }
}
