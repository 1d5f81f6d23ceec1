/// One output buffer per chunk of a parallel encoding round.
///
/// `@unchecked Sendable` because `concurrentPerform` hands each iteration its own index, so
/// every buffer is touched by exactly one thread during a round and only read by the writing
/// thread after the round has joined.
final class ChunkSlots: @unchecked Sendable {
    let buffers: [WireBuffer]

    init(count: Int, capacity: Int) {
        buffers = (0..<count).map { _ in WireBuffer(capacity: capacity) }
    }
}
