import LeadFiles
import LeadModel
import LeadTransport
import LeadWire

/// Delivers leads to an HTTPS endpoint the way Microsoft's connector does — one POST of the
/// documented JSON per lead — with bounded concurrency, and summarises what came back.
public struct SendRunner: LeadFeedRunner {
    /// Where and how to send.
    public struct Target: Sendable {
        /// The endpoint URL (may carry a SAS signature; never printed unredacted).
        public var url: String
        /// Extra headers.
        public var headers: HTTPHeaders
        /// The body encoding.
        public var encoder: HTTPSLeadEncoder

        /// Creates a target.
        public init(url: String, headers: HTTPHeaders = HTTPHeaders(), encoder: HTTPSLeadEncoder = HTTPSLeadEncoder()) {
            self.url = url
            self.headers = headers
            self.encoder = encoder
        }
    }

    /// What to print while sending.
    public struct Tracing: Sendable {
        /// Print each exchange's headers (`-v`).
        public var verbose: Bool
        /// Print each request as a curl command (`--curl`).
        public var curl: Bool
        /// Masks secrets in traces.
        public var redactor: Redactor
        /// Turns secrets into `$VAR` references in curl commands.
        public var curlRedactor: Redactor
        /// Receives each block of trace text.
        public var emit: @Sendable (String) -> Void

        /// Creates tracing options.
        public init(
            verbose: Bool, curl: Bool, redactor: Redactor, curlRedactor: Redactor,
            emit: @escaping @Sendable (String) -> Void
        ) {
            self.verbose = verbose
            self.curl = curl
            self.redactor = redactor
            self.curlRedactor = curlRedactor
            self.emit = emit
        }
    }

    private let client: HTTPClient
    private let target: Target
    private let concurrency: Int
    private let tracing: Tracing?

    /// Creates a runner.
    public init(client: HTTPClient, target: Target, concurrency: Int, tracing: Tracing? = nil) {
        self.client = client
        self.target = target
        self.concurrency = max(1, concurrency)
        self.tracing = tracing
    }

    /// Sends every lead the feed yields and returns the summary. The burst runs on the client's
    /// libcurl threads: each pulls the next lead under the state's lock and encodes it outside
    /// it, so encoding runs in parallel; outcomes are tallied under the same lock.
    public func run<Feed: LeadFeed>(_ feed: inout Feed) async throws(LeadCheckError) -> SendSummary {
        let state = BurstState(feed: feed, summary: emptySummary())
        let summary = await burst(state) { [self] in
            let lead: Lead? = state.locked {
                guard state.feedError == nil else { return nil }
                do throws(LeadCheckError) {
                    return try state.feed.next()
                } catch {
                    state.feedError = error
                    return nil
                }
            }
            return lead.map(makeRequest)
        }
        feed = state.feed
        if let error = state.feedError { throw error }
        return summary
    }

    /// Replays captured requests (`leadcheck listen`'s records) to the target: each body exactly
    /// as captured, with its content type and method, and the target's extra headers.
    public func replay(_ records: [CaptureRecord]) async -> SendSummary {
        let state = BurstState(feed: EmptyFeed(), summary: emptySummary())
        let queue = LockedValue(records[...])
        return await burst(state) { [target] in
            guard let record = queue.withLock({ $0.popFirst() }) else { return nil }
            var headers = target.headers
            // A masked credential is not replayed ("[redacted]" is how earlier captures masked one).
            for header in record.headers
            where header.count == 2 && !CaptureRecord.hopHeaders.contains(header[0].lowercased())
                && !header[1].contains(Redactor.mask) && header[1] != "[redacted]"
            {
                headers.add(header[0], header[1])
            }
            return HTTPRequest(
                method: record.method, url: target.url, headers: headers,
                body: .bytes(record.bytes, contentType: record.header("Content-Type") ?? "application/octet-stream"))
        }
    }

    private struct EmptyFeed: LeadFeed {
        mutating func next() throws(LeadCheckError) -> Lead? { nil }
    }

    private func emptySummary() -> SendSummary {
        SendSummary(
            url: client.redactor.redact(target.url), sent: 0, succeeded: 0, statuses: [:], errors: [:],
            errorExamples: [:],
            latencyMicros: nil, seconds: 0, concurrency: concurrency)
    }

    /// Runs a burst of the requests `next` yields and tallies what came back.
    private func burst<Feed: LeadFeed>(_ state: BurstState<Feed>, next: @escaping @Sendable () -> HTTPRequest?) async
        -> SendSummary
    {
        let clock = ContinuousClock()
        let start = clock.now
        let tracing = self.tracing
        await client.burst(
            next: next,
            completion: { request, result in
                state.locked {
                    state.summary.sent += 1
                    switch result {
                    case .success(let response):
                        state.summary.statuses[String(response.status), default: 0] += 1
                        if response.isSuccess { state.summary.succeeded += 1 }
                        state.latencies.append(response.timings.total)
                    case .failure(let error):
                        state.summary.errors[error.code.rawValue, default: 0] += 1
                        if state.summary.errorExamples[error.code.rawValue] == nil {
                            state.summary.errorExamples[error.code.rawValue] = error.message
                        }
                    }
                }
                if let tracing { Self.trace(request, result, tracing) }
            }
        )
        var summary = state.summary
        summary.latencyMicros = SendSummary.Percentiles(state.latencies)
        let elapsed = clock.now - start
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return summary
    }

    /// The POST for one lead.
    public func makeRequest(_ lead: Lead) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: target.url, headers: target.headers,
            body: .bytes(target.encoder.encode(lead), contentType: "application/json; charset=utf-8")
        )
    }

    private static func trace(
        _ request: HTTPRequest, _ result: Result<HTTPResponse, TransportError>, _ tracing: Tracing
    ) {
        var block: [String] = []
        if tracing.curl { block.append(CurlCommand.render(request, redactor: tracing.curlRedactor)) }
        if tracing.verbose {
            block += HTTPTrace.request(request, redactor: tracing.redactor)
            switch result {
            case .success(let response): block += HTTPTrace.response(response, redactor: tracing.redactor)
            case .failure(let error): block += HTTPTrace.failure(error)
            }
        }
        if !block.isEmpty { tracing.emit(block.joined(separator: "\n") + "\n") }
    }
}
