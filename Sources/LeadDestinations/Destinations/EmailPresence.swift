import LeadModel

/// Which of some emails a destination holds a lead for (`reconcile`): real leads, matched by
/// email — Partner Center's export shares no other id with the destination
/// (docs/reference/partner-center.md §3).
public enum EmailPresence: Sendable {
    /// The emails found, lowercased.
    case found(Set<String>)
    /// The destination could not be read.
    case failed([Finding])
    /// This destination cannot be looked up by email (an HTTPS endpoint without `readback:`).
    case unsupported(String)

    /// Lowercased and trimmed, as emails are compared.
    static func key(_ email: String) -> String { email.trimmingCharacters(in: .whitespaces).lowercased() }

    /// The emails among `records`' values at `column`, lowercased.
    static func emails(_ records: [JSONObject], column: String) -> Set<String> {
        Set(records.compactMap { $0[column]?.string.map(key) })
    }
}
