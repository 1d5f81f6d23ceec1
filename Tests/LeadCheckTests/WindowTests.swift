import LeadModel
import Testing

/// The one bounded-concurrency window: never more than its width in flight, every answer at its
/// item's position, and no pulling while the last answer said stop.
@Suite struct WindowTests {
    actor Gauge {
        var now = 0, most = 0
        func enter() {
            now += 1
            most = max(most, now)
        }
        func leave() { now -= 1 }
    }

    @Test func keepsItsWidthAndEveryPosition() async {
        let gauge = Gauge()
        var items = Array(0..<50)[...]
        var answers = [Int?](repeating: nil, count: 50)
        await Window.run(
            width: 4, next: { items.popFirst() },
            work: { item in
                await gauge.enter()
                try? await Task.sleep(for: .milliseconds(item % 3))
                await gauge.leave()
                return item * 2
            },
            accept: { position, answer in
                answers[position] = answer
                return true
            })
        #expect(answers == (0..<50).map { $0 * 2 })
        #expect(await gauge.most <= 4)
    }

    @Test func stopsPullingWhileTheLastAnswerSaysSo() async {
        var pulled = 0
        await Window.run(
            width: 1,
            next: { () -> Int? in
                guard pulled < 10 else { return nil }
                pulled += 1
                return pulled
            }, work: { $0 }, accept: { _, answer in answer < 3 })
        #expect(pulled == 3, "one at a time: the third answer stops it")
    }

    @Test func anExhaustedSourceIsNotAskedAgain() async {
        var asked = 0
        var items = Array(0..<5)[...]
        await Window.run(
            width: 3,
            next: { () -> Int? in
                asked += 1
                return items.popFirst()
            }, work: { $0 }, accept: { _, _ in true })
        #expect(asked == 6, "five items and the one nil")
    }

    @Test func aCancelledTaskPullsNothingMore() async {
        let task = Task {
            var pulled = 0
            await Window.run(
                width: 2,
                next: { () -> Int? in
                    pulled += 1
                    return pulled
                },
                work: { item in
                    try? await Task.sleep(for: .milliseconds(10))
                    return item
                }, accept: { _, _ in true })
            return pulled
        }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let pulled = await task.value
        #expect(pulled < 1000, "an endless source stops with the task: \(pulled)")
    }
}
