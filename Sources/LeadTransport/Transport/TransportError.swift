import LeadModel

/// Why a request produced no usable response. Its code is one of the transport's finding codes
/// (docs/results.md: `dns.failed` … `transport.failed`, `request.cancelled`), so a finding names the
/// failure as the transport classified it; the message carries libcurl's own error text, already
/// redacted.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure: one of the transport's codes (`dns.failed` … `request.cancelled`).
    public let code: FindingCode
    /// The human message, including libcurl's error text; secrets already redacted.
    public let message: String
    /// The request URL, redacted.
    public let url: String
    /// libcurl's `CURLcode`, 0 when the failure was decided above libcurl (e.g. a 3xx).
    public let curlCode: Int
    /// The timings up to the failure.
    public let timings: PhaseTimings

    /// Creates an error.
    public init(
        _ code: FindingCode, message: String, url: String, curlCode: Int = 0, timings: PhaseTimings = PhaseTimings()
    ) {
        self.code = code
        self.message = message
        self.url = url
        self.curlCode = curlCode
        self.timings = timings
    }

    /// `code: message (url)`.
    public var description: String { "\(code.rawValue): \(message) (\(url))" }
}
