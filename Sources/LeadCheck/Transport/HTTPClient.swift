/// leadcheck's HTTP client: every outbound request goes through it, and through libcurl.
///
/// `send` is async; the transfer itself runs on the client's own libcurl thread
/// (``CurlMultiLoop``), never on Swift's cooperative pool. Cancelling the calling task aborts the
/// transfer immediately. Connections are kept alive and reused across requests.
public final class HTTPClient: Sendable {
    /// The options every request uses.
    public let options: TransportOptions
    /// Masks secrets in every error message and URL this client reports.
    public let redactor: Redactor
    private let loop: CurlMultiLoop

    /// Creates a client and starts its libcurl thread.
    public init(options: TransportOptions = TransportOptions(), redactor: Redactor = Redactor()) throws(LeadCheckError) {
        self.options = options
        self.redactor = redactor
        loop = try CurlMultiLoop(options: options, redactor: redactor)
    }

    deinit { loop.shutdown() }

    /// Sends a request and waits for the whole response.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let transfer = CurlTransfer(request: request, options: options, redactor: redactor)
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
            throw TransportError(.other, message: redactor.redact("\(error)"), url: transfer.redactedURL)
        }
    }

    /// Sends a burst of requests with at most `maxConcurrentTransfers` in flight, pulled from
    /// `next` (until it returns nil) and reported to `completion`. Both run on the client's
    /// libcurl thread, in order, never concurrently — so they may share state without locks —
    /// and must not block for long. Returns when every request has finished; cancelling the
    /// calling task stops pulling new ones.
    public func burst(next: @escaping () -> HTTPRequest?,
                      completion: @escaping (HTTPRequest, Result<HTTPResponse, TransportError>) -> Void) async {
        await loop.run(BurstFeeder(next: next, completion: completion))
    }

    /// Stops the libcurl thread, failing anything still queued. Called by `deinit` too.
    public func shutdown() { loop.shutdown() }
}
