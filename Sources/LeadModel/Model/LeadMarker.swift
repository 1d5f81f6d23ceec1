/// The test marker every synthetic lead carries in its Description and email local part.
public enum LeadMarker {
    /// What every marker starts with. Cleanup by prefix refuses anything shorter than this.
    public static let prefix = "LCTEST_"
    /// What Microsoft's Validate lead carries (docs/reference/lead.md §2): `MSFT_TEST_` and 18 digits.
    public static let microsoftTestPrefix = "MSFT_TEST_"

    /// The token of a `msft-test` lead, `MSFT_TEST_<18 digits>` as Microsoft's Validate lead
    /// has it: the .NET `DateTime.Ticks` of the lead's creation time (docs/reference/lead.md §2 decodes Microsoft's
    /// values that way, [INF]), whose sub-second digits carry the run's fingerprint so two
    /// runs never share a token; the lead's position is already in its whole seconds.
    public static func microsoftTestToken(createdAt time: LeadTimestamp, runID: RunID) -> String {
        // FNV-1a of the run id, reduced to the seven digits of 100-ns ticks within a second.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in runID.value.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let ticks = (time.secondsSinceEpoch + 62_135_596_800) * 10_000_000 + Int64(hash % 10_000_000)
        return microsoftTestPrefix + String(ticks)
    }

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
