import Foundation
import LeadModel
import LeadTransport

/// Compares this machine's clock with a server's `Date` header (the preflight). Azure
/// Storage rejects requests more than 15 minutes off; leadcheck warns from 5 minutes.
enum ClockCheck {
    /// Skew, in seconds, from which a warning is raised.
    static let warningSeconds: Int64 = 5 * 60
    /// The skew Azure Storage tolerates for Shared Key requests (authorize-with-shared-key).
    static let storageLimitSeconds: Int64 = 15 * 60

    /// Local time minus the server's `Date`, in seconds; nil without a readable `Date`.
    static func offset(_ response: HTTPResponse, now: Date = Date()) -> Int64? {
        guard let header = response.headers["Date"], let server = LeadTimestamp(rfc1123: header) else { return nil }
        return Int64(now.timeIntervalSince1970) - server.secondsSinceEpoch
    }

    /// A `clock.skew` warning when the response's `Date` is far from local time.
    static func skew(_ response: HTTPResponse, destination: String, now: Date = Date()) -> [Finding] {
        guard let header = response.headers["Date"], let difference = offset(response, now: now) else { return [] }
        guard abs(difference) >= warningSeconds else { return [] }
        return [
            Finding(
                code: .clockSkew, severity: .warning, destination: destination,
                message:
                    "this machine's clock is \(abs(difference)) s \(difference > 0 ? "ahead of" : "behind") the server's (\(header))",
                hint: "Sync the clock (NTP): signed requests (Azure Shared Key) fail beyond 15 minutes of skew.",
                evidence: "Date: \(header)")
        ]
    }
}
