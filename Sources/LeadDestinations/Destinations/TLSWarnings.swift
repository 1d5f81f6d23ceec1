import LeadModel

/// Warnings about a destination's certificate that do not stop a run.
enum TLSWarnings {
    /// Days of validity under which a certificate draws a warning.
    static let expiryWarningDays = 30

    /// `tls.expiring-soon` when the certificate ends within 30 days.
    static func expiry(_ tls: TLSDetails?, destination: String) -> [Finding] {
        guard let tls, let days = tls.daysToExpiry, days < expiryWarningDays else { return [] }
        return [
            Finding(
                code: .tlsExpiringSoon, severity: .warning, destination: destination,
                message: "the certificate expires in \(days) day\(days == 1 ? "" : "s") (\(tls.notAfter ?? "?"))",
                hint: "Renew it before then: Microsoft's connector will stop delivering leads the day it expires.",
                evidence: tls.subject)
        ]
    }
}
