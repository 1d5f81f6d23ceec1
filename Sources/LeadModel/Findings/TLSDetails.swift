/// What the TLS handshake established, for preflight and reports.
public struct TLSDetails: Sendable, Hashable, Codable {
    /// The negotiated protocol, e.g. `TLSv1.3`.
    public var version: String?
    /// The leaf certificate's subject, e.g. `CN=contoso.crm4.dynamics.com`.
    public var subject: String?
    /// The leaf certificate's issuer.
    public var issuer: String?
    /// Start of validity (as libcurl prints it, e.g. `Jan  1 00:00:00 2026 GMT`).
    public var notBefore: String?
    /// End of validity.
    public var notAfter: String?
    /// Whole days from now until `notAfter`; negative once expired.
    public var daysToExpiry: Int?

    /// Creates details.
    public init(
        version: String? = nil, subject: String? = nil, issuer: String? = nil, notBefore: String? = nil,
        notAfter: String? = nil, daysToExpiry: Int? = nil
    ) {
        self.version = version
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.daysToExpiry = daysToExpiry
    }
}
