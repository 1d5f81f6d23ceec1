import Foundation
import LeadModel
import TestSupport
import Testing

/// A correctly set up Lead Writer "only has permissions to write the leads" (PC-dyn 2023):
/// delivery uses exactly the Partner Center app, and reading back needs either a warning or
/// separate `readback:` credentials (issue 16).
@Suite(.serialized) struct WriteOnlyDynamicsTests {
    static func config(_ sandbox: SandboxProcess, readback: Bool) -> String {
        let d = sandbox.endpoints["dynamics"] as! [String: Any]
        return """
            version: 1
            defaults:
              variants: [typical]
              locales: [en-US]
            destinations:
              - name: dyn
                type: dynamics
                instanceUrl: \(d["instanceUrl"]!)
                tokenUrl: \(d["tokenUrl"]!)
                tenantId: "\(d["tenantId"]!)"
                clientId: "\(d["clientId"]!)"
                clientSecret: ${DYN_SECRET}
            \(readback ? "    readback: { clientId: \"\(d["readerClientId"]!)\", clientSecret: \"${READER_SECRET}\" }\n" : "")
            """
    }

    static func environment(_ sandbox: SandboxProcess) -> [String: String] {
        let d = sandbox.endpoints["dynamics"] as! [String: Any]
        return ["DYN_SECRET": "\(d["clientSecret"]!)", "READER_SECRET": "\(d["readerClientSecret"]!)"]
    }

    @Test func aWriteOnlyAppPassesWithAWarningAndItsLeadsWaitInTheJournal() async throws {
        let directory = try TemporaryDirectory()
        let sandbox = try SandboxProcess(["--fault", "dynamics:write-only"], directory: directory)
        let writer = directory.path("writer.yaml")
        let reader = directory.path("reader.yaml")
        try Self.config(sandbox, readback: false).write(toFile: writer, atomically: true, encoding: .utf8)
        try Self.config(sandbox, readback: true).write(toFile: reader, atomically: true, encoding: .utf8)
        let journal = directory.path("run.journal")
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(
            ["verify", "--config", writer, "--journal", journal, "--json", json], environment: Self.environment(sandbox)
        )
        #expect(result.status == 0, "\(result.stdoutText.suffix(800))")
        let findings =
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any])[
                "findings"] as! [[String: Any]]
        #expect(
            findings.count == 6
                && findings.allSatisfy {
                    $0["code"] as? String == "readback.denied" && $0["severity"] as? String == "warning"
                })
        #expect(findings.allSatisfy { ($0["hint"] as? String ?? "").contains("Read and Delete on Lead") })
        #expect(try await sandbox.count("dynamics") == 6, "the leads were created and kept")
        let strict = try await LeadCheckProcess.run(
            ["verify", "--config", writer, "--strict", "--no-cleanup"], environment: Self.environment(sandbox))
        #expect(strict.status == 4, "--strict fails on the warning")
        // A reader app removes exactly the journaled leads later.
        let cleanup = try await LeadCheckProcess.run(
            ["cleanup", "--journal", journal, "--config", reader], environment: Self.environment(sandbox))
        #expect(cleanup.status == 0, "\(cleanup.stdoutText) \(cleanup.stderr)")
        #expect(try await sandbox.count("dynamics") == 6, "only the strict run's leads remain")
    }

    @Test func readbackCredentialsReadAndCleanUpWhileDeliveryStaysWriteOnly() async throws {
        let directory = try TemporaryDirectory()
        let sandbox = try SandboxProcess(["--fault", "dynamics:write-only"], directory: directory)
        let reader = directory.path("reader.yaml")
        try Self.config(sandbox, readback: true).write(toFile: reader, atomically: true, encoding: .utf8)
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(
            ["verify", "--config", reader, "--json", json], environment: Self.environment(sandbox))
        #expect(result.status == 0, "\(result.stdoutText.suffix(800))")
        let findings =
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any])[
                "findings"] as! [[String: Any]]
        #expect(findings.isEmpty, "\(findings)")
        #expect(try await sandbox.count("dynamics") == 0)
        #expect(!result.stdoutText.contains(Self.environment(sandbox)["READER_SECRET"]!))
    }
}
