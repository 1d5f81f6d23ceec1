import LeadModel

/// Why a request produced no usable response. Each kind has a stable code (DESIGN §5 uses them
/// as finding codes) and the message carries libcurl's own error text, already redacted.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ways a request can fail.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The host name did not resolve.
        case dnsFailed = "dns.failed"
        /// Nothing listened, or the connection was refused or unreachable.
        case connectRefused = "connect.refused"
        /// TCP or TLS connect did not finish within the connect timeout.
        case connectTimeout = "connect.timeout"
        /// The certificate chain is not trusted (self-signed, unknown CA).
        case tlsUntrusted = "tls.untrusted"
        /// The certificate does not name the host.
        case tlsHostname = "tls.hostname"
        /// The certificate is expired or not yet valid.
        case tlsExpired = "tls.expired"
        /// The TLS handshake failed for another reason (protocol, ciphers, reset).
        case tlsHandshake = "tls.handshake"
        /// Connected, but the response did not complete within the total timeout.
        case httpTimeout = "http.timeout"
        /// The response body exceeded the cap.
        case httpBodyTooLarge = "http.body-too-large"
        /// Not HTTP, truncated, or the connection closed mid-response.
        case httpProtocol = "http.protocol"
        /// A 3xx that policy does not follow, or too many redirects.
        case httpRedirect = "http.redirect"
        /// The URL is malformed or uses an unsupported scheme.
        case urlInvalid = "url.invalid"
        /// The caller cancelled the request.
        case cancelled = "request.cancelled"
        /// Any other libcurl failure.
        case other = "transport.failed"
    }

    /// What kind of failure.
    public let kind: Kind
    /// The human message, including libcurl's error text; secrets already redacted.
    public let message: String
    /// The request URL, redacted.
    public let url: String
    /// libcurl's `CURLcode`, 0 when the failure was decided above libcurl (e.g. a 3xx).
    public let curlCode: Int
    /// The timings up to the failure.
    public let timings: PhaseTimings

    /// Creates an error.
    public init(_ kind: Kind, message: String, url: String, curlCode: Int = 0, timings: PhaseTimings = PhaseTimings()) {
        self.kind = kind
        self.message = message
        self.url = url
        self.curlCode = curlCode
        self.timings = timings
    }

    /// The stable code, e.g. `tls.expired`.
    public var code: String { kind.rawValue }

    /// `code: message (url)`.
    public var description: String { "\(code): \(message) (\(url))" }
}
