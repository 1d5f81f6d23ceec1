/// Parsing of user-supplied choices (flags, later config values) into the model's enums, with
/// errors that list the valid values.
public enum Choice {
    /// Parses one value of a string-backed enum.
    public static func parse<T: RawRepresentable & CaseIterable>(
        _ value: String, flag: String, as type: T.Type = T.self
    ) throws(LeadCheckError) -> T where T.RawValue == String {
        let trimmed = String(value.trimmingWhitespace)
        if let exact = T(rawValue: trimmed) { return exact }
        if let folded = T.allCases.first(where: { $0.rawValue.lowercased() == trimmed.lowercased() }) { return folded }
        throw .invalidChoice(flag: flag, value: value, valid: T.allCases.map(\.rawValue))
    }

    /// Parses a comma-separated list, keeping the first occurrence of each value, in order.
    public static func parseList<T: RawRepresentable & CaseIterable & Hashable>(
        _ value: String, flag: String, as type: T.Type = T.self
    ) throws(LeadCheckError) -> [T] where T.RawValue == String {
        var result: [T] = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let item: T = try parse(String(part), flag: flag)
            if !result.contains(item) { result.append(item) }
        }
        return result
    }

    /// A plain decimal number (`30`, `0.5`); nil for anything else, including what `Double()`
    /// would also take: `0x10`, `1e3`, `inf`, `nan`, signs.
    public static func plainDecimal<S: StringProtocol>(_ text: S) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Double(String(text))
    }

    /// The range of a timeout or wait given as a duration: a millisecond to a day.
    public static let durationRange = 1...86_400_000

    /// A duration like `30s`, `250ms` or `2m` (``durationRange``), in milliseconds; nil otherwise.
    public static func durationMilliseconds(_ text: String) -> Int? {
        DurationText.milliseconds(text, in: durationRange)
    }

    /// Parses a seed, a whole number from 0 to 2^64-1, naming the flag or variable on failure.
    public static func parseSeed(_ value: String, flag: String) throws(LeadCheckError) -> UInt64 {
        guard let number = UInt64(value) else {
            throw .invalidNumber(flag: flag, value: value, expected: "a whole number from 0 to 18446744073709551615")
        }
        return number
    }

    /// Parses a whole number in `range`, naming the flag on failure.
    public static func parseInt(_ value: String, flag: String, range: ClosedRange<Int>) throws(LeadCheckError) -> Int {
        guard let number = Int(value.trimmingWhitespace), range.contains(number) else {
            let expected =
                range.upperBound == Int.max
                ? "a whole number ≥ \(range.lowerBound)"
                : "a whole number from \(range.lowerBound) to \(range.upperBound)"
            throw .invalidNumber(flag: flag, value: value, expected: expected)
        }
        return number
    }
}
