import Foundation
import Testing

@testable import LeadSandbox

/// The sandbox's own dates, checked against values computed outside it (Python's
/// calendar.timegm for the documented Shared Key example date).
@Suite struct SandboxDateTests {
    @Test func theDocumentedExampleDateReadsAndWritesBack() {
        // authorize-with-shared-key's example x-ms-date.
        #expect(SandboxDate.seconds(rfc1123: "Tue, 30 Aug 2011 01:03:21 GMT") == 1_314_666_201)
        #expect(SandboxDate.rfc1123(1_314_666_201) == "Tue, 30 Aug 2011 01:03:21 GMT")
        #expect(SandboxDate.iso8601(1_314_666_201) == "2011-08-30T01:03:21Z")
    }

    @Test(arguments: [
        "Mon, 30 Aug 2011 01:03:21 GMT", "Tue, 31 Feb 2011 01:03:21 GMT", "Tue, 30 Aug 2011 25:03:21 GMT",
        "2011-08-30T01:03:21Z",
        "Tue, 30 Aug 2011 01:03:21 UTC", "", "Tue,  Aug 2011 01:03:21 GMT",
    ])
    func whatIsNotAnRFC1123DateIsRefused(_ text: String) {
        #expect(SandboxDate.seconds(rfc1123: text) == nil, "\(text)")
    }

    @Test func everyDayOfACenturyRoundTrips() {
        var seconds: Int64 = 946_684_800 // 2000-01-01
        while seconds < 4_102_444_800 { // 2100-01-01
            #expect(SandboxDate.seconds(rfc1123: SandboxDate.rfc1123(seconds + 3_723)) == seconds + 3_723)
            seconds += 86_400 * 7
        }
    }
}
