/// One HTTP request, as a value: everything the transport needs, nothing it keeps.
public struct HTTPRequest: Sendable, Hashable {
    /// `GET`, `POST`, `DELETE`, …
    public var method: String
    /// The absolute URL, sent byte for byte as given (libcurl's path normalisation is off,
    /// because Azure SharedKey signs the exact path).
    public var url: String
    /// Request headers. `Content-Type` comes from the body unless set here.
    public var headers: HTTPHeaders
    /// The body.
    public var body: HTTPRequestBody
    /// Overrides of the client's timeouts for this request.
    public var timeouts: Timeouts?
    /// Forces a new connection (preflight measures a full handshake this way).
    public var freshConnection: Bool

    /// Per-request timeouts.
    public struct Timeouts: Sendable, Hashable {
        /// Limit for DNS + TCP + TLS, in milliseconds.
        public var connectMilliseconds: Int
        /// Limit for the whole transfer, in milliseconds.
        public var totalMilliseconds: Int

        /// Creates timeouts.
        public init(connectMilliseconds: Int, totalMilliseconds: Int) {
            self.connectMilliseconds = connectMilliseconds
            self.totalMilliseconds = totalMilliseconds
        }
    }

    /// Creates a request.
    public init(
        method: String = "GET", url: String, headers: HTTPHeaders = HTTPHeaders(), body: HTTPRequestBody = .none,
        timeouts: Timeouts? = nil, freshConnection: Bool = false
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.freshConnection = freshConnection
    }
}
