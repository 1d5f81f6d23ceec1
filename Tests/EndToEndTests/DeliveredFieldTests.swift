import Foundation
import TestSupport
import Testing

/// Every field that was delivered is compared on every destination that stores it — the lead
/// source included — and the data-corrupting faults bite under the default plan (issue 15).
@Suite(.serialized) struct DeliveredFieldTests {
    static func findings(_ path: String) throws -> [[String: Any]] {
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        return report["findings"] as! [[String: Any]]
    }

    // `truncate=30` cuts `Source-Action|offer` (31–37 characters) but not the 29-character test
    // emails the CRMs are read back by; HTTPS carries the source alone, so its Description is cut.
    @Test(arguments: [
        ("https", "Description"), ("azure-table", "LeadSource"), ("dynamics", "LeadSource"),
        ("marketo", "LeadSource"), ("salesforce", "LeadSource"),
    ])
    func aDestinationThatCutsADeliveredFieldFails(_ kind: String, _ field: String) async throws {
        let directory = try TemporaryDirectory()
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run([
            "verify", "--sandbox", "--destination", kind, "--fault", "\(kind):truncate=30",
            "--variants", "typical", "--locales", "en-US", "--json", json,
        ])
        #expect(result.status == 4, "\(kind): \(result.stdoutText.suffix(800))")
        let cut = try Self.findings(json).filter {
            $0["code"] as? String == "field.truncated" && $0["field"] as? String == field
        }
        #expect(!cut.isEmpty, "\(kind): \(result.stdoutText.suffix(800))")
        // The finding says what was sent and what was stored.
        #expect(
            cut.allSatisfy {
                ($0["evidence"] as? String ?? "").hasPrefix("sent \"")
                    && ($0["evidence"] as? String ?? "").contains("· stored \"")
            })
        #expect(cut.allSatisfy { ($0["message"] as? String ?? "").contains("to 30 characters") })
    }

    @Test(arguments: ["https", "azure-table", "dynamics", "marketo", "salesforce"])
    func mojibakeIsNamedOnEveryDestinationUnderTheDefaultPlan(_ kind: String) async throws {
        let directory = try TemporaryDirectory()
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(
            ["verify", "--sandbox", "--destination", kind, "--fault", "\(kind):mojibake", "--json", json], timeout: 120)
        #expect(result.status == 4, "\(kind): \(result.stdoutText.suffix(800))")
        #expect(
            try Self.findings(json).contains {
                $0["code"] as? String == "field.mangled" && $0["destination"] as? String == kind
            })
    }

    @Test(arguments: [("https:reads=pascal", Int32(4)), ("https:reads=camel", Int32(0))])
    func theSandboxSinkPlaysAFlowReadingOneCasing(_ fault: String, _ exit: Int32) async throws {
        let directory = try TemporaryDirectory()
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(
            [
                "verify", "--sandbox", "--destination", "https", "--fault", fault,
                "--variants", "typical", "--locales", "en-US", "--json", json,
            ], timeout: 120)
        #expect(result.status == exit, "\(fault): \(result.stdoutText.suffix(800))")
        let blank = try Self.findings(json).filter { $0["code"] as? String == "readback.blank" }
        #expect(blank.count == (exit == 0 ? 0 : 6), "\(fault)")
        #expect(blank.allSatisfy { ($0["hint"] as? String ?? "").contains("camelCase keys (userDetails.firstName") })
    }

    @Test func theFullPlanPassesWithLeadSourceComparedEverywhere() async throws {
        let directory = try TemporaryDirectory()
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(
            ["verify", "--sandbox", "--matrix", "full", "--variants", "typical", "--locales", "en-US", "--json", json],
            timeout: 120)
        #expect(result.status == 0, "\(result.stdoutText.suffix(800))")
    }
}
