#if os(Linux)
import CPlatform
import Foundation
import Glibc

/// Writes the bulk of a large file straight to the disk (O_DIRECT) from a few aligned staging
/// blocks, on a dedicated thread, while the caller goes on producing bytes.
///
/// Why: a buffered write first has the kernel find a page-cache page for every 4 KiB, and on a VM
/// whose free memory is handed back to the host (virtio-balloon free-page reporting) that page
/// must be backed again on first touch. Writing the default plan's 1.6 GB to ext4 here took
/// 1.7–3.8 s buffered, 1.1–3.7 s of it kernel time; with this writer 0.9–1.4 s, 0.1–0.2 s of it
/// kernel time, the disk working while the encoders run. The unaligned tail goes through the
/// ordinary descriptor.
///
/// `@unchecked Sendable`: the blocks queue and `failure` are guarded by `condition`; a block
/// belongs to the caller while it fills and to the writer thread from hand-off until it is free
/// again.
final class DirectFileWriter: @unchecked Sendable {
    /// Offsets, lengths and addresses of direct writes are multiples of this. 4 KiB covers every
    /// logical block size Linux supports, so no device needs asking.
    static let alignment = 4096
    /// Large enough that the disk sees big requests (this VM's `max_sectors_kb` is 4096), small
    /// enough that the staging adds only a few MB to a run that must stay under 50 MB.
    static let blockSize = 2 << 20
    static let blockCount = 3

    private let path: String
    private let bufferedFD: Int32
    private let directFD: Int32
    private let condition = NSCondition()
    /// Every staging block, freed together once the thread has stopped.
    private let blocks: [UnsafeMutableRawPointer]
    private var free: [UnsafeMutableRawPointer] = []
    private var pending: [(block: UnsafeMutableRawPointer, count: Int, offset: Int64)] = []
    private var failure: String?
    private var closing = false
    private var threadDone = false
    /// Once a direct write fails (a file system that accepts O_DIRECT at open but not the writes,
    /// or stricter alignment than 4 KiB), that block and the rest go through the page cache:
    /// slower, never lost. A failure there too (a full disk) is the run's error.
    private var directRefused = false

    private var current: UnsafeMutableRawPointer
    private var filled = 0
    private var offset: Int64
    /// Set when a hand-off found the thread had failed: `current` may then be a block the thread
    /// owns, so nothing more is staged.
    private var failedReason: String?

    /// Continues `path`, already open as `bufferedFD` and written up to `offset` (a multiple of
    /// `alignment`), with direct writes. `nil` where the file system refuses O_DIRECT.
    /// `openDirect` is for tests, to stand in a descriptor whose writes fail.
    init?(path: String, bufferedFD: Int32, offset: Int64, openDirect: (String) -> Int32 = { lc_open_direct($0) }) {
        precondition(offset % Int64(Self.alignment) == 0)
        let opened = openDirect(path)
        guard opened >= 0 else { return nil }
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0..<Self.blockCount {
            var pointer: UnsafeMutableRawPointer?
            // Aligned to their own size so each can be one transparent huge page: the kernel then
            // pins one page per direct write rather than 512 (kernel time per run 0.10–0.17 s
            // against 0.12–0.23 s, ten interleaved pairs). Best effort: THP may be off.
            guard posix_memalign(&pointer, Self.blockSize, Self.blockSize) == 0, let pointer else {
                blocks.forEach { Glibc.free($0) }
                close(opened)
                return nil
            }
            _ = madvise(pointer, Self.blockSize, MADV_HUGEPAGE)
            blocks.append(pointer)
        }
        self.path = path
        self.bufferedFD = bufferedFD
        directFD = opened
        self.offset = offset
        self.blocks = blocks
        current = blocks[0]
        free = Array(blocks.dropFirst())
        Thread.startDedicated(name: "lc-out-direct") { [self] in drain() }
    }

    deinit {
        blocks.forEach { Glibc.free($0) }
        close(directFD)
    }

    /// Copies `bytes` into the staging blocks, handing each full block to the writer thread.
    /// Throws a write failure the thread met earlier.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(LeadCheckError) {
        if let failedReason { throw .outputUnwritable(path: path, reason: failedReason) }
        guard var source = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let take = min(remaining, Self.blockSize - filled)
            (current + filled).copyMemory(from: source, byteCount: take)
            filled += take
            source += take
            remaining -= take
            if filled == Self.blockSize { try handOff(count: filled) }
        }
    }

    /// Writes what is staged — its aligned part directly, the rest through the page cache — waits
    /// for the writer thread and stops it. The caller closes `bufferedFD`.
    func finish() throws(LeadCheckError) {
        defer { stop() }
        if let failedReason { throw .outputUnwritable(path: path, reason: failedReason) }
        let aligned = filled / Self.alignment * Self.alignment
        let tail = [UInt8](UnsafeRawBufferPointer(start: current + aligned, count: filled - aligned))
        if aligned > 0 { try handOff(count: aligned) }
        condition.lock()
        while !pending.isEmpty && failure == nil { condition.wait() }
        let failed = failure
        condition.unlock()
        if let failed { throw .outputUnwritable(path: path, reason: failed) }
        let code = tail.withUnsafeBytes { Self.writeAll(bufferedFD, $0.baseAddress, count: tail.count, at: offset) }
        if let code { throw .outputUnwritable(path: path, reason: String(cString: strerror(code))) }
        offset += Int64(tail.count)
    }

    /// Stops the writer thread without writing what is staged (a run that failed elsewhere).
    /// Calling it again does nothing.
    func stop() {
        condition.lock()
        closing = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        condition.unlock()
    }

    private func handOff(count: Int) throws(LeadCheckError) {
        condition.lock()
        pending.append((current, count, offset))
        condition.broadcast()
        while free.isEmpty && failure == nil { condition.wait() }
        if let failed = failure {
            condition.unlock()
            failedReason = failed
            throw .outputUnwritable(path: path, reason: failed)
        }
        current = free.removeLast()
        condition.unlock()
        offset += Int64(count)
        filled = 0
    }

    /// The writer thread: writes blocks in the order they were handed over.
    private func drain() {
        condition.lock()
        while true {
            while pending.isEmpty && !closing { condition.wait() }
            // `finish` stops the thread only once everything is written; a stop before that, or
            // a failed write, leaves nothing worth writing.
            if closing || failure != nil { break }
            let job = pending[0]
            let direct = !directRefused
            condition.unlock()
            var code = Self.writeAll(direct ? directFD : bufferedFD, job.block, count: job.count, at: job.offset)
            let refused = direct && code != nil
            if refused { code = Self.writeAll(bufferedFD, job.block, count: job.count, at: job.offset) }
            condition.lock()
            if refused { directRefused = true }
            pending.removeFirst()
            free.append(job.block)
            if let code, failure == nil { failure = String(cString: strerror(code)) }
            condition.broadcast()
        }
        threadDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Writes `count` bytes at `offset`, retrying short writes and EINTR; the errno that stopped
    /// it, or `nil`.
    private static func writeAll(_ fd: Int32, _ base: UnsafeRawPointer?, count: Int, at offset: Int64) -> Int32? {
        guard let base else { return nil }
        var done = 0
        while done < count {
            let wrote = pwrite(fd, base + done, count - done, off_t(offset) + off_t(done))
            if wrote < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += wrote
        }
        return nil
    }
}
#endif
