import LeadModel

/// leadcheck's HTTP client: every outbound request goes through it, and through libcurl.
///
/// `send` is async; the transfer itself runs on the client's own libcurl thread
/// (``CurlMultiLoop``), never on Swift's cooperative pool. Cancelling the calling task aborts the
/// transfer immediately. Connections are kept alive and reused across requests. A burst may
/// spread over ``TransportOptions/transferThreads`` such threads.
public final class HTTPClient: Sendable {
    /// The options every request uses.
    public let options: TransportOptions
    /// Masks secrets in every error message and URL this client reports.
    public let redactor: Redactor
    /// The libcurl threads; single requests use the first.
    private let loops: [CurlMultiLoop]
    private var loop: CurlMultiLoop { loops[0] }
    /// Whether this client started the threads (a ``counted()`` view shares its parent's).
    private let ownsLoops: Bool
    /// The client a view shares threads with, kept alive as long as the view is.
    private let parent: HTTPClient?
    private let sent = LockedValue(0)

    /// How many requests were sent through this client (or this view of it).
    public var requestCount: Int { sent.value }

    /// Creates a client and starts its libcurl threads (``TransportOptions/transferThreads``).
    public init(options: TransportOptions = TransportOptions(), redactor: Redactor = Redactor()) throws(LeadCheckError)
    {
        self.options = options
        self.redactor = redactor
        var loops: [CurlMultiLoop] = []
        for index in 0..<options.transferThreads {
            loops.append(try CurlMultiLoop(options: options, redactor: redactor, index: index))
        }
        self.loops = loops
        ownsLoops = true
        parent = nil
    }

    private init(sharing parent: HTTPClient) {
        options = parent.options
        redactor = parent.redactor
        loops = parent.loops
        ownsLoops = false
        self.parent = parent
    }

    /// A view that sends through the same threads and connections and counts its own requests:
    /// one per destination, so a run can say what it spent of each service's API allowance.
    public func counted() -> HTTPClient { HTTPClient(sharing: self) }

    deinit { if ownsLoops { for loop in loops { loop.shutdown() } } }

    /// Sends a request and waits for the whole response.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let transfer = CurlTransfer(request: request, options: options, redactor: redactor)
        sent.withLock { $0 += 1 }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    if transfer.attach(continuation) { loop.submit(transfer) }
                }
            } onCancel: {
                loop.cancel(transfer)
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw TransportError(.transportFailed, message: redactor.redact("\(error)"), url: transfer.redactedURL)
        }
    }

    /// Sends a burst of requests with at most `maxConcurrentTransfers` in flight, pulled from
    /// `next` (until it returns nil) and reported to `completion`. Both run on the libcurl
    /// threads and must not block for long. With one thread they never overlap; a burst spread
    /// over several threads calls them from each, concurrently, so they must be `@Sendable` and
    /// guard what they share — which lets each thread build its requests in parallel. Returns
    /// when every request has finished; cancelling the calling task stops pulling new ones.
    public func burst(
        next: @escaping @Sendable () -> HTTPRequest?,
        completion: @escaping @Sendable (HTTPRequest, Result<HTTPResponse, TransportError>) -> Void
    ) async {
        let threads = min(loops.count, options.maxConcurrentTransfers)
        await withTaskGroup(of: Void.self) { group in
            for (index, loop) in loops.prefix(threads).enumerated() {
                let slots =
                    options.maxConcurrentTransfers / threads
                    + (index < options.maxConcurrentTransfers % threads ? 1 : 0)
                let feeder = BurstFeeder(slots: slots, next: next, completion: completion)
                group.addTask { await loop.run(feeder) }
            }
        }
    }

    /// Stops the libcurl threads, failing anything still queued (a view leaves them to the client
    /// that started them). Called by `deinit` too.
    public func shutdown() { if ownsLoops { for loop in loops { loop.shutdown() } } }
}
