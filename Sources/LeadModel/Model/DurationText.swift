/// A span of time as users write it — a plain decimal and a unit, `250ms`, `30s`, `1.5m`, `2h` —
/// read the one way every flag, config key, sandbox fault and inspection-API value reads it:
/// inside a stated range, so that no value, however large or strange (`1e300ms`, `NaNs`,
/// `-5s`, twenty digits), can overflow or trap.
public enum DurationText {
    /// The units, longest suffix first so `ms` is not read as `s`.
    static let units: [(suffix: String, milliseconds: Double)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
    ]

    /// The span in milliseconds when `text` is a duration within `range`; nil otherwise. A bare
    /// number is read in `bareUnit` milliseconds when given, refused when not.
    public static func milliseconds(_ text: String, in range: ClosedRange<Int>, bareUnit: Double? = nil) -> Int? {
        let trimmed = String(text.trimmingWhitespace)
        var found: (number: Double, factor: Double)?
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            if let number = Choice.plainDecimal(trimmed.dropLast(unit.suffix.count)) {
                found = (number, unit.milliseconds)
            }
            break
        }
        if found == nil, let bareUnit, let number = Choice.plainDecimal(trimmed) { found = (number, bareUnit) }
        guard let found else { return nil }
        // Checked as a Double before it becomes an Int: the conversion itself cannot trap.
        let value = (found.number * found.factor).rounded()
        guard value.isFinite, value >= Double(range.lowerBound), value <= Double(range.upperBound) else { return nil }
        return Int(value)
    }

    /// "from 1ms to 24h", for messages that say what is allowed.
    public static func describe(_ range: ClosedRange<Int>) -> String {
        "from \(format(range.lowerBound)) to \(format(range.upperBound))"
    }

    /// `value` milliseconds in the largest unit that divides it.
    public static func format(_ value: Int) -> String {
        for unit in units.reversed() where value != 0 && value % Int(unit.milliseconds) == 0 {
            return "\(value / Int(unit.milliseconds))\(unit.suffix)"
        }
        return "\(value)ms"
    }
}
