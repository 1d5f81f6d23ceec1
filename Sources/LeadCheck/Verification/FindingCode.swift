/// The bounded, documented list of finding codes (DESIGN §5). Transport failures keep the
/// transport's own codes; the rest describe what a destination did with a lead.
public enum FindingCode: String, Sendable, Codable, CaseIterable {
    case dnsFailed = "dns.failed"
    case connectRefused = "connect.refused"
    case connectTimeout = "connect.timeout"
    case tlsUntrusted = "tls.untrusted"
    case tlsHostname = "tls.hostname"
    case tlsExpired = "tls.expired"
    case tlsHandshake = "tls.handshake"
    case tlsExpiringSoon = "tls.expiring-soon"
    case tlsInsecure = "tls.insecure"
    case httpTimeout = "http.timeout"
    case httpBodyTooLarge = "http.body-too-large"
    case httpProtocol = "http.protocol"
    case httpRedirect = "http.redirect"
    case urlInvalid = "url.invalid"
    case transportFailed = "transport.failed"
    case clockSkew = "clock.skew"
    case authRejected = "auth.rejected"
    case httpStatus = "http.status"
    case throttled
    case deliverRejected = "deliver.rejected"
    case readbackMissing = "readback.missing"
    case readbackFailed = "readback.failed"
    case fieldTruncated = "field.truncated"
    case fieldMangled = "field.mangled"
    case fieldMissing = "field.missing"
    case fieldChanged = "field.changed"
    case cleanupFailed = "cleanup.failed"

    /// Whether the destination could not be reached (JUnit `<error>`, exit 3) rather than
    /// answered wrongly (`<failure>`, exit 4).
    public var isReachability: Bool {
        switch self {
        case .dnsFailed, .connectRefused, .connectTimeout, .tlsUntrusted, .tlsHostname, .tlsExpired, .tlsHandshake,
             .httpTimeout, .httpProtocol, .urlInvalid, .transportFailed, .httpBodyTooLarge:
            true
        default:
            false
        }
    }

    /// The finding code for a transport failure.
    public init(_ kind: TransportError.Kind) {
        self = FindingCode(rawValue: kind.rawValue) ?? .transportFailed
    }
}
