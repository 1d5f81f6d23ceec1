#if canImport(Glibc)
import CPlatform
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's bulk output goes: a file, written to a temporary name beside it and renamed
/// into place only when complete, or standard output.
///
/// Writing to a temporary and renaming means a failed or interrupted run never leaves a
/// half-written fixture file that looks complete. On Linux, past `directAfter` bytes of a file on
/// a disk (not tmpfs), the rest goes straight to the disk through a `DirectFileWriter`.
public final class OutputFile {
    private let fd: Int32
    private let path: String?
    private let temporaryPath: String?
    private var finished = false
    /// Bytes written so far, and how far the file's space is reserved ahead of them.
    private var written: Int64 = 0
    private var reserved: Int64 = 0
    private var reserving: Bool
    #if os(Linux)
    /// Whether the bulk of this file may go straight to the disk, and the writer doing it once it
    /// does: a regular file on a disk-backed file system, past `directAfter` bytes.
    private var directEligible = false
    private var direct: DirectFileWriter?
    #endif
    /// Reservation starts once a file has this much, and reserves as much again each time up to
    /// `reserveStep`: allocating a large file's pages one `write` at a time is most of the cost
    /// of writing to tmpfs on a VM (a C loop writing 1.6 GB to /dev/shm in 1 MiB blocks:
    /// 0.58–2.97 s; with a 64 MiB `fallocate` ahead of the writes: 0.60–2.08 s), and on a disk
    /// it keeps the file in few extents. A report or config, written whole in one go, never
    /// reaches it, so it does not pay for (on tmpfs: allocate) 64 MiB it gives back at once.
    static let reserveAfter: Int64 = 1 << 20
    static let reserveStep: Int64 = 64 << 20
    /// Direct writes start once a file has this much: below it, the page cache costs little and a
    /// report or config never pays for the staging blocks and thread.
    static let directAfter: Int64 = 8 << 20

    /// Opens `path` for writing, or standard output when `path` is `nil` or `-`.
    public init(path: String?) throws(LeadCheckError) {
        guard let path, path != "-" else {
            fd = STDOUT_FILENO
            self.path = nil
            temporaryPath = nil
            reserving = false
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
            reserving = false
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
        reserving = true
        #if os(Linux)
        directEligible = lc_is_memory_file_system(opened) == 0
        #endif
    }

    deinit {
        guard !finished, fd != STDOUT_FILENO else { return }
        #if os(Linux)
        direct?.stop()
        #endif
        close(fd)
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(LeadCheckError) {
        guard bytes.baseAddress != nil else { return }
        reserve(through: written + Int64(bytes.count))
        #if os(Linux)
        var bytes = bytes
        if direct == nil, directEligible, let temporaryPath, written + Int64(bytes.count) >= Self.directAfter {
            // Direct writes start at an aligned offset: an ordinary write gets there first.
            let alignment = Int64(DirectFileWriter.alignment)
            let gap = Int((alignment - written % alignment) % alignment)
            if gap <= bytes.count {
                try writeBuffered(UnsafeBufferPointer(rebasing: bytes[..<gap]))
                bytes = UnsafeBufferPointer(rebasing: bytes[gap...])
                directEligible = false
                direct = DirectFileWriter(path: temporaryPath, bufferedFD: fd, offset: written)
            }
        }
        if let direct {
            try direct.append(bytes)
            written += Int64(bytes.count)
            return
        }
        #endif
        try writeBuffered(bytes)
    }

    /// Writes all of `bytes` through the page cache, retrying short writes and EINTR.
    private func writeBuffered(_ bytes: UnsafeBufferPointer<UInt8>) throws(LeadCheckError) {
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
        written += Int64(bytes.count)
    }

    /// Reserves the file's space in large steps ahead of the writes. Best effort: a file system
    /// that cannot (EOPNOTSUPP) or a full disk is left to `write`, which reports it.
    private func reserve(through end: Int64) {
        guard reserving, written >= Self.reserveAfter, end > reserved else { return }
        #if os(Linux)
        let start = max(reserved, written)
        let length = max(min(Self.reserveStep, written), end - start)
        if lc_reserve_file_range(fd, start, length) == 0 {
            reserved = start + length
        } else {
            reserving = false
        }
        #else
        reserving = false
        #endif
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
        #if os(Linux)
        do {
            try direct?.finish()
        } catch {
            close(fd)
            unlink(temporaryPath)
            throw error
        }
        #endif
        // Truncating to the size written releases the space reserved past it (tmpfs and ext4
        // both free blocks beyond the end on a same-size truncate).
        if reserved > written && ftruncate(fd, off_t(written)) != 0 {
            let reason = Self.errnoText()
            close(fd)
            unlink(temporaryPath)
            throw .outputUnwritable(path: path, reason: reason)
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

    /// Whether the bulk of the file went straight to the disk.
    var wroteDirectly: Bool {
        #if os(Linux)
        direct != nil
        #else
        false
        #endif
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Writes `text` to `path` whole or not at all (a report, a config, an endpoints file).
    public static func write(_ text: String, to path: String) throws(LeadCheckError) {
        let file = try OutputFile(path: path)
        try Array(text.utf8).withUnsafeBufferPointer { bytes throws(LeadCheckError) in try file.write(bytes) }
        try file.finish()
    }
}
