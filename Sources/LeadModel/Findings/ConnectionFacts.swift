/// What a destination's preflight learned about the connection on a fresh handshake: libcurl's
/// phase timings and the certificate, for the reports' timing waterfall and TLS expiry.
public struct ConnectionFacts: Sendable, Hashable, Codable {
    /// Cumulative phase timings, in microseconds.
    public var timings: PhaseTimings
    /// The TLS handshake's facts; nil over plain HTTP.
    public var tls: TLSDetails?

    /// Creates facts.
    public init(timings: PhaseTimings, tls: TLSDetails?) {
        self.timings = timings
        self.tls = tls
    }
}
