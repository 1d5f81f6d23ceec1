import Foundation

/// Group commit: concurrent writes that arrive while a transaction is being written wait and go
/// into the next one together. Each caller is resumed only after the transaction holding its
/// item has committed, so "acknowledged means stored" still holds, while a burst of leads costs
/// one commit instead of one each.
///
/// The transactions run on one dedicated thread, synchronously: SQLite blocks, which must not
/// happen on Swift's cooperative pool, and a thread that goes straight from one batch to the
/// next skips the two thread hops per batch an async write would cost.
///
/// `@unchecked Sendable`: `pending` and `stopping` are guarded by `condition`.
final class WriteBatcher<Item: Sendable>: @unchecked Sendable {
    /// Called on the writer thread once the item's transaction committed (or failed).
    typealias Completion = @Sendable (Result<Int64, any Error>) -> Void

    private let condition = NSCondition()
    private var pending: [(item: Item, completion: Completion)] = []
    private var stopping = false
    private let write: @Sendable ([Item]) throws -> [Int64]

    /// `write` stores a batch in one transaction and returns an id per item, in order; it runs
    /// on the batcher's own thread, called `name` (at most 15 bytes, see
    /// `Thread.startDedicated(name:_:)`).
    init(name: String, write: @escaping @Sendable ([Item]) throws -> [Int64]) {
        self.write = write
        Thread.startDedicated(name: name) { [self] in drain() }
    }

    /// Stores one item; returns its id once it is committed.
    func submit(_ item: Item) async throws -> Int64 {
        try await withCheckedThrowingContinuation { continuation in
            submit(item) { continuation.resume(with: $0) }
        }
    }

    /// Stores one item and calls `completion` on the writer thread once it is committed.
    private func submit(_ item: Item, completion: @escaping Completion) {
        condition.lock()
        if stopping {
            condition.unlock()
            completion(.failure(CancellationError()))
            return
        }
        pending.append((item, completion))
        if pending.count == 1 { condition.signal() }
        condition.unlock()
    }

    /// Stops the thread once what is queued is written (the thread holds the batcher until then);
    /// later submissions fail.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func drain() {
        var batch: [(item: Item, completion: Completion)] = []
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &pending)
            condition.unlock()
            do {
                let ids = try write(batch.map(\.item))
                for (index, entry) in batch.enumerated() { entry.completion(.success(ids[index])) }
            } catch {
                for entry in batch { entry.completion(.failure(error)) }
            }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
