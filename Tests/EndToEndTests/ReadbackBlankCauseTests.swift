import Foundation
import TestSupport
import Testing

/// `readback.blank` names the cause the records show (issue 28): a flow that reads none of the
/// lead's keys "stores nothing of the lead", with no word about casing; a flow that keeps the
/// lead's values but neither email nor description cannot be found by its marker, and says so.
@Suite(.serialized) struct ReadbackBlankCauseTests {
    /// `verify` of typical en-US leads against a sandbox running `flow`.
    static func verify(flow: String) async throws -> (status: Int32, findings: [[String: Any]], output: String) {
        let directory = try TemporaryDirectory()
        let sandbox = try SandboxProcess(["--flow", flow], directory: directory)
        let config = directory.path("leadcheck.yaml")
        try """
        version: 1
        defaults:
          variants: [typical]
          locales: [en-US]
        destinations:
          - name: flow
            type: https
            url: \(sandbox.httpsURL)
            inspectionUrl: \(sandbox.inspectionURL)
            readbackTimeout: 1s
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(["verify", "--config", config, "--json", json], timeout: 120)
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
            ?? [:]
        return (result.status, report["findings"] as? [[String: Any]] ?? [], result.stdoutText)
    }

    @Test func aFlowReadingNoLeadKeyStoresNothingAndGetsNoCasingHint() async throws {
        let flow = LeadCheckProcess.repositoryRoot.appendingPathComponent(
            "fixtures/flows/real/unsent-keys-contact-form.json"
        ).path
        let (status, findings, output) = try await Self.verify(flow: flow)
        #expect(status == 4, "\(output.suffix(1200))")
        let blank = findings.filter { $0["code"] as? String == "readback.blank" }
        #expect(!blank.isEmpty, "\(output.suffix(1200))")
        for finding in blank {
            let text = "\(finding["message"] ?? "") \(finding["hint"] ?? "")"
            #expect(text.contains("stores nothing of the lead"), "\(text)")
            #expect(!text.localizedCaseInsensitiveContains("casing") && !text.contains("PascalCase"), "\(text)")
        }
    }

    @Test func aFlowKeepingNeitherEmailNorDescriptionIsNamedSo() async throws {
        let directory = try TemporaryDirectory()
        let flow = directory.path("names-only.json")
        try #"""
        {"definition":{"triggers":{"manual":{"type":"Request","kind":"Http","inputs":{"method":"POST"}}},
         "actions":{"Add_contact":{"type":"ApiConnection","runAfter":{},"inputs":{"host":{},"body":{
           "first":"@triggerBody()?['userDetails']?['firstName']","last":"@triggerBody()?['userDetails']?['lastName']",
           "company":"@triggerBody()?['userDetails']?['company']"}}}}}}
        """#.write(toFile: flow, atomically: true, encoding: .utf8)
        let (status, findings, output) = try await Self.verify(flow: flow)
        #expect(status == 4, "\(output.suffix(1200))")
        let blank = findings.filter { $0["code"] as? String == "readback.blank" }
        #expect(!blank.isEmpty, "\(output.suffix(1200))")
        #expect(
            blank.allSatisfy { ($0["message"] as? String ?? "").contains("neither the email nor the description") },
            "\(blank)")
    }
}
