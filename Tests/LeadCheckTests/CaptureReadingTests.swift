import Foundation
import LeadFiles
import LeadModel
import Testing

/// Reading `listen` captures back (no network): the two lead shapes Microsoft sends come out as
/// leads; what is not a Microsoft lead, or not a record, is refused with its place.
@Suite struct CaptureReadingTests {
    static func record(_ body: String, contentType: String) -> CaptureRecord {
        CaptureRecord(
            receivedAt: "2026-12-05T10:00:00Z", method: "POST", target: "/hook",
            headers: [["Content-Type", contentType]],
            bytes: Array(body.utf8), answer: nil)
    }

    static func lead(_ body: String, contentType: String = "application/json") throws(LeadCheckError) -> Lead {
        try CapturedLead.lead(
            from: record(body, contentType: contentType), runID: .random(), sequence: 1, offer: .example,
            location: "capture:1")
    }

    @Test func microsoftsShapesAreLeads() throws {
        let json = try Self.lead(
            #"""
            {"UserDetails":{"Email":"MSFT_TEST_636573304831318844@test.com","LastName":"X"},"LeadSource":"Azur\#
            eMarketplace","ActionCode":"INS","OfferTitle":"Contoso Test"}
            """#
        )
        #expect(json.customer.email == "MSFT_TEST_636573304831318844@test.com" && json.offer.title == "Contoso Test")
        let form = try Self.lead(
            "oid=00D&last_name=O%27Brien&email=a%40b.com&lead_source=AzureMarketplace-INS%7CContoso+Analytics",
            contentType: "application/x-www-form-urlencoded")
        #expect(form.customer.lastName == "O'Brien" && form.customer.email == "a@b.com")
    }

    @Test(arguments: ["{}", #"{"event":"push","ref":"main"}"#, "hello"])
    func whatIsNoMicrosoftLeadIsRefusedWithItsPlace(_ body: String) {
        #expect(throws: LeadCheckError.self) { try Self.lead(body) }
        do { _ = try Self.lead(body) } catch { #expect(error.message.contains("capture:1"), "\(error.message)") }
    }

    @Test func aRecordWhoseBase64BodyIsBrokenIsNoRecord() throws {
        var record = Self.record("x", contentType: "application/octet-stream")
        record.body = nil
        record.bodyBase64 = "not base64!"
        let line = try JSONEncoder().encode(record)
        #expect(CaptureRecord.decode(Array(line)) == nil)
        record.bodyBase64 = Data([0xFF, 0x00]).base64EncodedString()
        #expect(CaptureRecord.decode(Array(try JSONEncoder().encode(record)))?.bytes == [0xFF, 0x00])
    }
}
