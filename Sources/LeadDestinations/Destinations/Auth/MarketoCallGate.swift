/// Keeps leadcheck inside Marketo's limits on its own side: at most 100 calls in any 20 s and
/// 10 in flight (docs/reference/marketo.md §2), so a run does not spend the instance's shared budget on
/// 606/615 errors. The limits are settable for tests.
actor MarketoCallGate {
    private let perWindow: Int
    private let window: Duration
    private let concurrent: Int
    private var starts: [ContinuousClock.Instant] = []
    private var inFlight = 0

    init(perWindow: Int = 100, window: Duration = .seconds(20), concurrent: Int = 10) {
        self.perWindow = perWindow
        self.window = window
        self.concurrent = concurrent
    }

    /// Waits until a call may start, then counts it as started.
    func enter() async {
        while true {
            let now = ContinuousClock.now
            starts.removeAll { now - $0 >= window }
            // A cancelled task is let through (its call ends at once) rather than spinning on
            // sleeps that return at once; it still counts, so leave() stays balanced.
            if (inFlight < concurrent && starts.count < perWindow) || Task.isCancelled {
                starts.append(now)
                inFlight += 1
                return
            }
            let wait = starts.count >= perWindow ? max(.milliseconds(5), window - (now - starts[0])) : .milliseconds(20)
            try? await Task.sleep(for: wait)
        }
    }

    /// Marks a started call finished.
    func leave() { inFlight -= 1 }
}
