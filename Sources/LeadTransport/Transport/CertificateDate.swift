import LeadModel

/// Parses the certificate dates libcurl reports (OpenSSL's `ASN1_TIME_print` form,
/// `Jan  1 00:00:00 2027 GMT`) without Foundation's locale-dependent formatters.
public enum CertificateDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds since the epoch, or `nil` if the text is not in that form.
    public static func parse(_ text: String) -> Int64? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 4, let month = months.firstIndex(of: String(parts[0])),
            let day = Int(parts[1]), let year = Int(parts[3])
        else { return nil }
        let time = parts[2].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        let days = LeadTimestamp.daysFromCivil(year: year, month: month + 1, day: day)
        return Int64(days) * 86_400 + Int64(time[0] * 3600 + time[1] * 60 + time[2])
    }
}
