/// A UTC instant with whole-second precision, and the exact text forms the destinations use.
///
/// Formatted by hand rather than with `DateFormatter`, which depends on the process locale and is
/// far too slow for a million leads a second.
public struct LeadTimestamp: Sendable, Hashable, Comparable, Codable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64

    /// Creates a timestamp.
    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// 2026-01-01T00:00:00Z: the default base time of `generate`, so fixtures are stable.
    public static let fixtureBase = LeadTimestamp(secondsSinceEpoch: 1_767_225_600)

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (UTC only, the form leadcheck writes).
    public init?(iso8601 text: String) {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A
        else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10),
            let h = num(11..<13), let mi = num(14..<16), let s = num(17..<19),
            (1...12).contains(mo), (1...Self.daysIn(month: mo, year: y)).contains(d),
            h < 24, mi < 60, s < 60
        else { return nil }
        let days = Self.daysFromCivil(year: y, month: mo, day: d)
        secondsSinceEpoch = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + s)
    }

    /// Parses RFC 1123 (`Tue, 30 Aug 2011 01:03:21 GMT`), the form of HTTP `Date` and
    /// `x-ms-date`; the weekday is not checked against the date.
    public init?(rfc1123 text: String) {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3])
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (1...Self.daysIn(month: month + 1, year: year)).contains(day), time[0] < 24,
            time[1] < 60, time[2] < 61
        else { return nil }
        secondsSinceEpoch =
            Int64(Self.daysFromCivil(year: year, month: month + 1, day: day)) * 86_400
            + Int64(time[0] * 3600 + time[1] * 60 + time[2])
    }

    /// This instant plus some seconds.
    public func adding(seconds: Int64) -> LeadTimestamp {
        LeadTimestamp(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    /// Orders by time.
    public static func < (lhs: LeadTimestamp, rhs: LeadTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// The broken-down UTC calendar fields.
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let days = Int(secondsSinceEpoch.floorDiv(86_400))
        let secs = Int(secondsSinceEpoch - Int64(days) * 86_400)
        let (y, m, d) = Self.civilFromDays(days)
        // 1970-01-01 was a Thursday; weekday 0 = Sunday.
        let weekday = ((days % 7) + 7 + 4) % 7
        return (y, m, d, secs / 3600, secs / 60 % 60, secs % 60, weekday)
    }

    /// `2026-01-01T00:00:05Z`.
    public var iso8601: String {
        let buffer = WireBuffer(capacity: 20)
        buffer.append(iso8601: self)
        return buffer.string
    }

    /// `.NET`'s en-US general date form, `9/28/2018 6:24:18 PM`: what the Azure Table
    /// `CreatedTime` column most likely holds (docs/reference/azure-table.md §2, [INF]).
    public var dotNetGeneral: String {
        let c = components
        let hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12
        return
            "\(c.month)/\(c.day)/\(c.year) \(hour12):\(pad(c.minute, 2)):\(pad(c.second, 2)) \(c.hour < 12 ? "AM" : "PM")"
    }

    /// The date-shaped Azure Table PartitionKey, `9:2F28:2F2018`: `M/d/yyyy` with `/` written as
    /// `:2F` (docs/reference/azure-table.md §2: seen in a real table; the scheme itself is [INF]).
    public var partitionKey: String {
        let c = components
        return "\(c.month):2F\(c.day):2F\(c.year)"
    }

    /// RFC 1123, `Tue, 30 Aug 2011 01:03:21 GMT`, as `x-ms-date` and HTTP `Date` want it.
    public var rfc1123: String {
        let c = components
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return
            "\(days[c.weekday]), \(pad(c.day, 2)) \(months[c.month - 1]) \(c.year) \(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)) GMT"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
    // calendar, no tables, no Foundation.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
