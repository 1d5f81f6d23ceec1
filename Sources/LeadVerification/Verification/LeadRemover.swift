import LeadDestinations
import LeadModel

/// Removes test leads from one destination in its batches and journals only what is true: a
/// lead is `removed` when its record was deleted, `absent` when nothing is stored where a write
/// is visible at once; one that may still appear (Web-to-Lead, a flow) is looked for again with
/// backoff until the deadline, then left journaled as sent. Shared by `verify` and `cleanup`.
public struct LeadRemover: Sendable {
    /// What became of one lead.
    public enum Outcome: Sendable {
        /// Its record(s) were deleted.
        case removed
        /// Nothing is stored for it.
        case absent
        /// The destination keeps it where leadcheck cannot delete it; why.
        case notKept(String)
        /// Removing it failed.
        case failed([Finding])
        /// Not found by the deadline, but it may still be created: it stays journaled as sent.
        case pending
    }

    /// Where the leads are.
    public let destination: any LeadRemoving
    /// Where outcomes are recorded.
    public let journal: RunJournal?
    /// Batches in flight at once.
    public let concurrency: Int

    /// Creates a remover.
    public init(destination: any LeadRemoving, journal: RunJournal?, concurrency: Int = 4) {
        self.destination = destination
        self.journal = journal
        self.concurrency = max(1, concurrency)
    }

    /// Removes `items`; `mayAppear[i]` says whether item `i`, not found, may still be created
    /// before `deadline` (and so is looked for again) rather than being absent.
    public func remove(_ items: [StoredLead], mayAppear: [Bool], until deadline: ContinuousClock.Instant) async
        -> [Outcome]
    {
        await remove(items, mayAppear: mayAppear, until: items.map { _ in deadline })
    }

    /// ``remove(_:mayAppear:until:)`` with a deadline of its own for each item (a killed run's
    /// leads, each looked for until its send time plus the destination's window). Every item is
    /// looked for at least once.
    public func remove(_ items: [StoredLead], mayAppear: [Bool], until deadlines: [ContinuousClock.Instant]) async
        -> [Outcome]
    {
        precondition(
            mayAppear.count == items.count && deadlines.count == items.count, "one mayAppear and one deadline per item")
        var outcomes = [Outcome](repeating: .pending, count: items.count)
        var pending = Array(items.indices)
        var backoff = Backoff(first: .milliseconds(250), maximum: .seconds(5), deadline: deadlines.max() ?? .now)
        var first = true
        while !pending.isEmpty {
            if !first {
                // Those whose window has closed stay pending; the rest are looked for again.
                pending = pending.filter { ContinuousClock.now + backoff.delay < deadlines[$0] }
                guard !pending.isEmpty, await backoff.wait() else { break }
            }
            first = false
            let batch = pending.map { items[$0] }
            let destination = destination
            let answers = await Self.inBatches(batch, of: destination.batchLimit, concurrency: concurrency) {
                await destination.remove($0)
            }
            var still: [Int] = []
            for (index, removal) in zip(pending, answers) {
                let item = items[index]
                switch removal {
                case .removed:
                    outcomes[index] = .removed
                    try? await journal?.append(
                        .init(
                            event: .removed, destination: destination.name, marker: item.marker, receipt: item.receipt))
                case .failed(let findings): outcomes[index] = .failed(findings)
                case .notKept(let reason): outcomes[index] = .notKept(reason)
                case .notFound where mayAppear[index]: still.append(index)
                case .notFound:
                    outcomes[index] = .absent
                    try? await journal?.append(
                        .init(event: .absent, destination: destination.name, marker: item.marker, receipt: item.receipt)
                    )
                }
            }
            pending = still
        }
        return outcomes
    }

    /// Runs `body` over `items` in chunks of `size`, `concurrency` chunks at a time; the
    /// answers in the items' order.
    public static func inBatches<Item: Sendable, Answer: Sendable>(
        _ items: [Item], of size: Int, concurrency: Int,
        _ body: @escaping @Sendable ([Item]) async -> [Answer]
    ) async -> [Answer] {
        let size = max(1, size)
        let chunks = stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
        var answers = [[Answer]](repeating: [], count: chunks.count)
        var remaining = chunks[...]
        await Window.run(
            width: concurrency, next: { remaining.popFirst() }, work: body,
            accept: { index, answer in
                answers[index] = answer
                return true
            })
        return answers.flatMap { $0 }
    }
}
