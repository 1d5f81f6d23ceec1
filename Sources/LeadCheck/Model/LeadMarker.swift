/// The test marker every synthetic lead carries in its Description and email local part.
public enum LeadMarker {
    /// What every marker starts with. Cleanup by prefix refuses anything shorter than this.
    public static let prefix = "LCTEST_"

    /// Whether a stored record carries exactly `marker` — not a longer one that merely starts
    /// with it (`…_1` vs `…_12`): the description starts with it followed by a space or line
    /// end, or the email's local part is it (optionally with a `+tag` or `.suffix`).
    public static func matches(_ marker: String, description: String, email: String) -> Bool {
        let lower = marker.lowercased()
        let email = email.lowercased()
        return description == marker || description.hasPrefix(marker + " ") || description.hasPrefix(marker + "\n")
            || email.hasPrefix(lower + "@") || email.hasPrefix(lower + "+") || email.hasPrefix(lower + ".")
    }
}
