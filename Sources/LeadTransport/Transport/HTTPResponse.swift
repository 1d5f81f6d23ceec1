import LeadModel

/// One HTTP response, with what the transport learned about the exchange.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code of the final response.
    public var status: Int
    /// The final response's headers.
    public var headers: HTTPHeaders
    /// The body (at most the client's body cap).
    public var body: [UInt8]
    /// `IP:port` of the server.
    public var remoteAddress: String?
    /// `HTTP/1.1`, `HTTP/2`, …
    public var httpVersion: String?
    /// libcurl's phase timings.
    public var timings: PhaseTimings
    /// TLS facts when the request used HTTPS and made a new connection.
    public var tls: TLSDetails?
    /// How many new connections libcurl opened for this transfer (0 = an existing one was reused).
    public var newConnections: Int
    /// The URL of the final response, redacted, when followed redirects led somewhere other than
    /// the request's URL; `nil` otherwise.
    public var effectiveURL: String?

    /// Creates a response.
    public init(
        status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String? = nil,
        httpVersion: String? = nil, timings: PhaseTimings = PhaseTimings(), tls: TLSDetails? = nil,
        newConnections: Int = 0, effectiveURL: String? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.httpVersion = httpVersion
        self.timings = timings
        self.tls = tls
        self.newConnections = newConnections
        self.effectiveURL = effectiveURL
    }

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
