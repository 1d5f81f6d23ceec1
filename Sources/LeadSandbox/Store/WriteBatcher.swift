import Foundation

/// Group commit: concurrent writes that arrive while a transaction is being written wait and go
/// into the next one together. Each caller is resumed only after the transaction holding its
/// item has committed, so "acknowledged means stored" still holds, while a burst of leads costs
/// one commit instead of one each.
///
/// `@unchecked Sendable`: `pending` and `draining` are guarded by `lock`.
final class WriteBatcher<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [(item: Item, continuation: CheckedContinuation<Int64, any Error>)] = []
    private var draining = false
    private let write: @Sendable ([Item]) async throws -> [Int64]

    /// `write` stores a batch in one transaction and returns an id per item, in order.
    init(write: @escaping @Sendable ([Item]) async throws -> [Int64]) {
        self.write = write
    }

    /// Stores one item; returns its id once it is committed.
    func submit(_ item: Item) async throws -> Int64 {
        try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            pending.append((item, continuation))
            let start = !draining
            draining = true
            lock.unlock()
            if start { Task { await drain() } }
        }
    }

    /// The queued items, or nil (and draining stops) when there are none.
    private func takeBatch() -> [(item: Item, continuation: CheckedContinuation<Int64, any Error>)]? {
        lock.withLock {
            if pending.isEmpty {
                draining = false
                return nil
            }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            return batch
        }
    }

    private func drain() async {
        while true {
            guard let batch = takeBatch() else { return }
            do {
                let ids = try await write(batch.map(\.item))
                for (index, entry) in batch.enumerated() { entry.continuation.resume(returning: ids[index]) }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
    }
}
