import Foundation
import LeadModel

/// Encodes numbered chunks on worker threads and hands them to one consumer strictly in order,
/// with a fixed pool of buffers so memory stays bounded.
///
/// There is no barrier between chunks: each worker claims the next chunk number and a free
/// buffer together, so the lowest unfinished chunk always has a buffer and the consumer never
/// waits on a chunk that cannot be made. `@unchecked Sendable`: all shared state is guarded by
/// `condition`; a buffer belongs to one worker from claim to hand-off, then to the consumer.
final class ChunkPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [WireBuffer]
    private var ready: [Int: WireBuffer] = [:]
    private var nextToClaim = 0
    private var stopped = false
    private let chunkCount: Int
    private var running = 0

    init(chunkCount: Int, buffers: Int, capacity: Int) {
        self.chunkCount = chunkCount
        free = (0..<buffers).map { _ in WireBuffer(capacity: capacity) }
    }

    /// Starts `workers` threads that call `encode(worker, chunk, buffer)` for each chunk.
    func start(workers: Int, encode: @escaping @Sendable (_ worker: Int, _ chunk: Int, WireBuffer) -> Void) {
        condition.lock()
        running = workers
        condition.unlock()
        for index in 0..<workers {
            Thread.startDedicated(name: "lc-encode-\(index)") { [self] in work { encode(index, $0, $1) } }
        }
    }

    private func work(_ encode: @Sendable (Int, WireBuffer) -> Void) {
        while true {
            condition.lock()
            while free.isEmpty && !stopped && nextToClaim < chunkCount { condition.wait() }
            guard !stopped, nextToClaim < chunkCount else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let chunk = nextToClaim
            nextToClaim += 1
            let buffer = free.removeLast()
            condition.unlock()

            buffer.removeAll()
            encode(chunk, buffer)

            condition.lock()
            ready[chunk] = buffer
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Calls `consume` with each chunk in order; stops early (and stops the workers) if it
    /// throws. Returns once every worker has exited.
    func consume<E: Error>(_ consume: (WireBuffer) throws(E) -> Void) throws(E) {
        defer {
            condition.lock()
            stopped = true
            condition.broadcast()
            while running > 0 { condition.wait() }
            condition.unlock()
        }
        for chunk in 0..<chunkCount {
            condition.lock()
            while ready[chunk] == nil { condition.wait() }
            let buffer = ready.removeValue(forKey: chunk)!
            condition.unlock()
            try consume(buffer)
            condition.lock()
            free.append(buffer)
            condition.broadcast()
            condition.unlock()
        }
    }
}
