/// The one bounded-concurrency window: work on items pulled one at a time, at most `width` in
/// flight, each answer handed back as it lands — `verify`'s deliveries (which stop pulling after
/// a dead destination's streak of failures), `send`'s, and removal's batches.
public enum Window {
    /// Pulls items from `next`, runs `work` on each with at most `width` running, and gives every
    /// answer to `accept` with the item's position; while the last `accept` said no, no more
    /// items are pulled (the ones running still land).
    public static func run<Item: Sendable, Answer: Sendable>(
        width: Int, next: () async -> Item?, work: @escaping @Sendable (Item) async -> Answer,
        accept: (_ position: Int, _ answer: Answer) -> Bool
    ) async {
        await withTaskGroup(of: (Int, Answer).self) { group in
            var pulled = 0
            var inFlight = 0
            var open = true
            var exhausted = false
            // Once `next` said nil it is not asked again; a cancelled task pulls nothing more.
            func fill() async {
                while open, !exhausted, !Task.isCancelled, inFlight < max(1, width) {
                    guard let item = await next() else {
                        exhausted = true
                        return
                    }
                    let position = pulled
                    group.addTask { (position, await work(item)) }
                    pulled += 1
                    inFlight += 1
                }
            }
            await fill()
            while let (position, answer) = await group.next() {
                inFlight -= 1
                open = accept(position, answer)
                await fill()
            }
        }
    }
}
