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
        loop = try CurlMultiLoop(options: options)
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

    /// Stops the libcurl thread, failing anything still queued. Called by `deinit` too.
    public func shutdown() { loop.shutdown() }
}
