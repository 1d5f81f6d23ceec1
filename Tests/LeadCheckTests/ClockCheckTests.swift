import Foundation
import Testing

@testable import LeadDestinations
@testable import LeadModel
@testable import LeadTransport

@Suite struct ClockCheckTests {
    static func response(date: Date) -> HTTPResponse {
        HTTPResponse(
            status: 200, headers: ["Date": LeadTimestamp(secondsSinceEpoch: Int64(date.timeIntervalSince1970)).rfc1123])
    }

    @Test func skewOverFiveMinutesWarnsBothWays() {
        let now = Date()
        #expect(
            ClockCheck.skew(Self.response(date: now.addingTimeInterval(-400)), destination: "d", now: now).first?.code
                == .clockSkew)
        #expect(
            ClockCheck.skew(Self.response(date: now.addingTimeInterval(400)), destination: "d", now: now).first?
                .severity == .warning)
        #expect(ClockCheck.skew(Self.response(date: now.addingTimeInterval(-60)), destination: "d", now: now).isEmpty)
        #expect(ClockCheck.skew(HTTPResponse(status: 200), destination: "d").isEmpty)
    }
}
