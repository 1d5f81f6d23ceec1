import Testing

@testable import LeadModel

@Suite struct TimestampTests {
    // 636737558587117715 .NET ticks (the real Azure Table test row, docs/reference/lead.md §2) is
    // 2018-09-28 18:24:18 UTC, and that row's PartitionKey is 9:2F28:2F2018.
    static let testRow = LeadTimestamp(secondsSinceEpoch: (636_737_558_587_117_715 / 10_000_000) - 62_135_596_800)

    @Test func ticksOfTheRealTestRowDecodeToItsPartitionKeyDate() {
        #expect(Self.testRow.iso8601 == "2018-09-28T18:24:18Z")
        #expect(Self.testRow.partitionKey == "9:2F28:2F2018")
        #expect(Self.testRow.dotNetGeneral == "9/28/2018 6:24:18 PM")
    }

    @Test func rfc1123MatchesTheDocumentedExample() {
        let t = LeadTimestamp(iso8601: "2011-08-30T01:03:21Z")!
        #expect(t.rfc1123 == "Tue, 30 Aug 2011 01:03:21 GMT")
    }

    @Test func dotNetFormatHandlesMidnightAndNoon() {
        #expect(LeadTimestamp(iso8601: "2026-01-01T00:00:05Z")!.dotNetGeneral == "1/1/2026 12:00:05 AM")
        #expect(LeadTimestamp(iso8601: "2026-12-31T12:59:59Z")!.dotNetGeneral == "12/31/2026 12:59:59 PM")
    }

    @Test(arguments: [
        "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2026-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
        "2100-03-01T00:00:00Z",
    ])
    func iso8601RoundTrips(_ text: String) throws {
        let t = try #require(LeadTimestamp(iso8601: text))
        #expect(t.iso8601 == text)
    }

    /// Four-digit years are written in place; a fifth digit takes the general path.
    @Test func iso8601WritesYearsPastFourDigits() {
        #expect(LeadTimestamp(secondsSinceEpoch: 253_402_300_799).iso8601 == "9999-12-31T23:59:59Z")
        #expect(LeadTimestamp(secondsSinceEpoch: 253_402_300_800).iso8601 == "10000-01-01T00:00:00Z")
        #expect(LeadTimestamp(secondsSinceEpoch: -62_167_219_200).iso8601 == "0000-01-01T00:00:00Z")
    }

    @Test(arguments: [
        "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T24:00:00Z", "yesterday", "",
    ])
    func iso8601RejectsInvalidInstants(_ text: String) {
        #expect(LeadTimestamp(iso8601: text) == nil)
    }
}
