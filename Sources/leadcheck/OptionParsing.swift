import ArgumentParser
import LeadModel

/// ArgumentParser transforms over the model's own parsing (`Choice`, the shared rules for the
/// `LEADCHECK_*` variables and the config), so a flag and its variable refuse the same values
/// with the same list of valid ones.
enum OptionParsing {
    /// One value of a string-backed enum.
    static func choice<T: RawRepresentable & CaseIterable & SendableMetatype>(_ flag: String)
        -> @Sendable (String) throws -> T where T.RawValue == String
    {
        { text in try refusal(flag) { () throws(LeadCheckError) in try Choice.parse(text, flag: flag) } }
    }

    /// A comma-separated list of a string-backed enum's values.
    static func list<T: RawRepresentable & CaseIterable & Hashable & SendableMetatype>(_ flag: String)
        -> @Sendable (String) throws -> [T] where T.RawValue == String
    {
        { text in try refusal(flag) { () throws(LeadCheckError) in try Choice.parseList(text, flag: flag) } }
    }

    /// A seed: a whole number from 0 to 2^64-1.
    static func seed(_ text: String) throws -> UInt64 {
        try refusal("--seed") { () throws(LeadCheckError) in try Choice.parseSeed(text, flag: "--seed") }
    }

    /// A count of leads.
    static func count(_ text: String) throws -> Int {
        try refusal("--count") { () throws(LeadCheckError) in
            try Choice.parseInt(text, flag: "--count", range: 0...Int.max)
        }
    }

    /// A run id.
    static func runID(_ text: String) throws -> RunID {
        try refusal("--run-id") { () throws(LeadCheckError) in try RunID(text) }
    }

    /// A UTC time like 2026-01-01T00:00:00Z.
    static func time(_ text: String) throws -> LeadTimestamp {
        guard let parsed = LeadTimestamp(iso8601: text) else {
            throw ValidationError("'\(text)' is not a UTC time like 2026-01-01T00:00:00Z")
        }
        return parsed
    }

    /// The model's refusal as ArgumentParser's, which names the flag itself and exits 1.
    private static func refusal<T>(_ flag: String, _ body: () throws(LeadCheckError) -> T) throws -> T {
        do throws(LeadCheckError) { return try body() } catch {
            let message = error.message
            throw ValidationError(message.hasPrefix(flag + ": ") ? String(message.dropFirst(flag.count + 2)) : message)
        }
    }
}
