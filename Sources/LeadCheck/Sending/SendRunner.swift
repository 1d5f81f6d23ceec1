/// Delivers leads to an HTTPS endpoint the way Microsoft's connector does — one POST of the
/// documented JSON per lead — with bounded concurrency, and summarises what came back.
public struct SendRunner: Sendable {
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
        public init(verbose: Bool, curl: Bool, redactor: Redactor, curlRedactor: Redactor, emit: @escaping @Sendable (String) -> Void) {
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

    private enum Outcome: Sendable {
        case response(status: Int, micros: Int64)
        case failure(TransportError)
    }

    /// Sends every lead the feed yields and returns the summary.
    public func run(_ feed: inout some LeadFeed) async throws(LeadCheckError) -> SendSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = SendSummary(
            url: client.redactor.redact(target.url), sent: 0, succeeded: 0, statuses: [:], errors: [:], errorExamples: [:],
            latencyMicros: nil, seconds: 0, concurrency: concurrency
        )
        var latencies: [Int64] = []
        func record(_ outcome: Outcome) {
            summary.sent += 1
            switch outcome {
            case let .response(status, micros):
                summary.statuses[String(status), default: 0] += 1
                if (200..<300).contains(status) { summary.succeeded += 1 }
                latencies.append(micros)
            case let .failure(error):
                summary.errors[error.code, default: 0] += 1
                if summary.errorExamples[error.code] == nil { summary.errorExamples[error.code] = error.message }
            }
        }

        var feedError: LeadCheckError?
        await withTaskGroup(of: Outcome.self) { group in
            var inFlight = 0
            while true {
                let lead: Lead?
                do throws(LeadCheckError) {
                    lead = try feed.next()
                } catch {
                    feedError = error
                    break
                }
                guard let lead else { break }
                if inFlight >= concurrency, let outcome = await group.next() {
                    inFlight -= 1
                    record(outcome)
                }
                let request = makeRequest(lead)
                inFlight += 1
                group.addTask { [client, tracing] in
                    do throws(TransportError) {
                        let response = try await client.send(request)
                        if let tracing { Self.trace(request, .success(response), tracing) }
                        return .response(status: response.status, micros: response.timings.total)
                    } catch {
                        if let tracing { Self.trace(request, .failure(error), tracing) }
                        return .failure(error)
                    }
                }
            }
            for await outcome in group { record(outcome) }
        }
        summary.latencyMicros = SendSummary.Percentiles(latencies)
        let elapsed = clock.now - start
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let feedError { throw feedError }
        return summary
    }

    /// The POST for one lead.
    public func makeRequest(_ lead: Lead) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: target.url, headers: target.headers,
            body: .bytes(target.encoder.encode(lead), contentType: "application/json; charset=utf-8")
        )
    }

    private static func trace(_ request: HTTPRequest, _ result: Result<HTTPResponse, TransportError>, _ tracing: Tracing) {
        var block: [String] = []
        if tracing.curl { block.append(CurlCommand.render(request, redactor: tracing.curlRedactor)) }
        if tracing.verbose {
            block += HTTPTrace.request(request, redactor: tracing.redactor)
            switch result {
            case let .success(response): block += HTTPTrace.response(response, redactor: tracing.redactor)
            case let .failure(error): block += HTTPTrace.failure(error)
            }
        }
        if !block.isEmpty { tracing.emit(block.joined(separator: "\n") + "\n") }
    }
}
