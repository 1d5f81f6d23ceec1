/// libcurl's six phase timings of one transfer, in microseconds from the start of the transfer
/// (`CURLINFO_*_TIME_T`); each is cumulative, as libcurl reports them.
public struct PhaseTimings: Sendable, Hashable, Codable {
    /// Name resolution done.
    public var dns: Int64
    /// TCP connected.
    public var connect: Int64
    /// TLS handshake done (0 for plain HTTP).
    public var tls: Int64
    /// About to send the request.
    public var preTransfer: Int64
    /// First response byte received.
    public var firstByte: Int64
    /// Transfer complete.
    public var total: Int64

    /// Creates timings.
    public init(
        dns: Int64 = 0, connect: Int64 = 0, tls: Int64 = 0, preTransfer: Int64 = 0, firstByte: Int64 = 0,
        total: Int64 = 0
    ) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.preTransfer = preTransfer
        self.firstByte = firstByte
        self.total = total
    }

    /// How long each phase itself took, in microseconds: DNS, connect, TLS, request sent, waiting
    /// for the first byte, receiving the rest. A reused connection has zero for the first three.
    public var durations: (dns: Int64, connect: Int64, tls: Int64, send: Int64, wait: Int64, receive: Int64) {
        let connectEnd = max(connect, dns)
        let tlsEnd = tls > 0 ? max(tls, connectEnd) : connectEnd
        return (
            dns, connectEnd - dns, tlsEnd - connectEnd, max(0, preTransfer - tlsEnd),
            max(0, firstByte - max(preTransfer, tlsEnd)), max(0, total - max(firstByte, preTransfer))
        )
    }
}
