import Foundation

/// The sandbox's own dates: what its services write (ISO 8601, RFC 1123) and the `Date` /
/// `x-ms-date` it checks Shared Key requests against — through Foundation's Gregorian calendar,
/// never the client's timestamp code, so a date bug in the client cannot pass here too.
enum SandboxDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }

    /// Now, in whole seconds since 1970.
    static var nowSeconds: Int64 { Int64(Date().timeIntervalSince1970) }

    /// `2026-12-05T08:41:36Z`.
    static func iso8601(_ seconds: Int64 = nowSeconds) -> String {
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// `Sat, 05 Dec 2026 08:41:36 GMT` (RFC 1123, as HTTP's `Date` header).
    static func rfc1123(_ seconds: Int64 = nowSeconds) -> String {
        let parts = calendar.dateComponents(
            [.weekday, .year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d GMT", weekdays[((parts.weekday ?? 1) - 1) % 7], parts.day ?? 0,
            months[((parts.month ?? 1) - 1) % 12],
            parts.year ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// The seconds since 1970 of an RFC 1123 date (`Tue, 30 Aug 2011 01:03:21 GMT`); nil when it
    /// is not one (a weekday that does not match the date is refused too).
    static func seconds(rfc1123 text: String) -> Int64? {
        let tokens = text.split(separator: " ")
        guard tokens.count == 6, tokens[0].hasSuffix(","), tokens[5] == "GMT",
            let day = Int(tokens[1]), let month = months.firstIndex(of: String(tokens[2])), let year = Int(tokens[3]),
            tokens[3].count == 4
        else { return nil }
        let clock = tokens[4].split(separator: ":")
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]),
            let minute = Int(clock[1]), let second = Int(clock[2]),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let components = DateComponents(
            year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day,
            weekdays[calendar.component(.weekday, from: date) - 1] == String(tokens[0].dropLast())
        else { return nil }
        return Int64(date.timeIntervalSince1970)
    }
}
