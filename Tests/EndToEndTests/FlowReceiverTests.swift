import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTPS endpoint backed by a receiver nobody on the project wrote into leadcheck: a Python
/// stand-in for a publisher's flow (`fixtures/receivers/flow_receiver.py`) that reads the lead
/// with case-sensitive keys and writes what it read into an Azure Table with its own Shared Key
/// signing; `readback:` reads it there (issue 15).
@Suite(.serialized) struct FlowReceiverTests {
    final class Receiver: @unchecked Sendable {
        let process = Process()
        let url: String

        init(reads: String, sandbox: SandboxProcess, directory: TemporaryDirectory) throws {
            let table = sandbox.azureTable
            let connection = table["connectionString"] as! String
            let endpoint = connection.components(separatedBy: "TableEndpoint=")[1].trimmingCharacters(
                in: CharacterSet(charactersIn: ";"))
            let portFile = directory.path("receiver-\(reads).port")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3",
                LeadCheckProcess.repositoryRoot.appendingPathComponent("fixtures/receivers/flow_receiver.py").path,
                "--reads", reads, "--port-file", portFile, "--table-endpoint", endpoint, "--account",
                table["account"] as! String,
            ]
            var environment = ProcessInfo.processInfo.environment
            environment["FLOW_TABLE_KEY"] = table["key"] as? String
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, process.isRunning {
                if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) {
                    url = "http://127.0.0.1:\(port)/workflows/flow/triggers/manual/paths/invoke"
                    return
                }
                usleep(50_000)
            }
            process.terminate()
            throw POSIXFailure("the flow receiver did not start")
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    static func run(reads: String, extra: [String] = []) async throws -> (
        LeadCheckProcess.Result, [[String: Any]], SandboxProcess
    ) {
        let directory = try TemporaryDirectory()
        let sandbox = try SandboxProcess(directory: directory)
        let receiver = try Receiver(reads: reads, sandbox: sandbox, directory: directory)
        let config = directory.path("leadcheck.yaml")
        try """
        version: 1
        defaults:
          variants: [typical, partial, unicode]
          locales: [en-US]
        destinations:
          - name: flow
            type: https
            url: \(receiver.url)
            readback: table
            readbackTimeout: 2s
          - name: table
            type: azure-table
            connectionString: "\(sandbox.azureTable["connectionString"] as! String)"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(
            ["verify", "--config", config, "--destination", "flow", "--json", json] + extra, timeout: 120)
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        _ = receiver
        return (result, report["findings"] as! [[String: Any]], sandbox)
    }

    @Test func aFlowReadingTheDocsPascalCaseStoresBlankLeadsAndVerifySaysWhy() async throws {
        let (result, findings, _) = try await Self.run(reads: "pascal")
        #expect(result.status == 4, "\(result.stdoutText.suffix(1500))")
        let blank = findings.filter { $0["code"] as? String == "readback.blank" }
        #expect(!blank.isEmpty, "\(result.stdoutText.suffix(1500))")
        for finding in blank {
            let message = finding["message"] as? String ?? ""
            #expect(
                message.contains("FirstName, LastName, Email, Phone, Country, Company, Title, Description all blank"))
            #expect(message.contains("camelCase payload"))
            #expect((finding["hint"] as? String ?? "").contains("userDetails.firstName"))
        }
        #expect(result.stdoutText.contains("flow: sent camelCase"))
    }

    @Test func theSameFlowReadingCamelCasePassesAndIsCleanedUp() async throws {
        let (result, findings, sandbox) = try await Self.run(reads: "camel")
        #expect(result.status == 0, "\(result.stdoutText.suffix(1500))")
        #expect(findings.isEmpty)
        // The flow stored leadSource as received (the source alone), and each lead is removed
        // from the table it was read back from.
        #expect(try await sandbox.count("azure-table") == 0)
    }

    /// `send` journals leads delivered to an endpoint read back through a table, and `cleanup
    /// --journal` (building the destination from the whole config, as `verify` does) removes them
    /// there (issue 29: it used to lose `readback:` and leave them all).
    @Test func sendThenCleanupRemovesHTTPSLeadsReadBackThroughTheTable() async throws {
        let directory = try TemporaryDirectory()
        let sandbox = try SandboxProcess(directory: directory)
        let receiver = try Receiver(reads: "camel", sandbox: sandbox, directory: directory)
        let config = directory.path("leadcheck.yaml")
        try """
        version: 1
        destinations:
          - name: flow
            type: https
            url: \(receiver.url)
            readback: table
            readbackTimeout: 3s
          - name: table
            type: azure-table
            connectionString: "\(sandbox.azureTable["connectionString"] as! String)"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let sent = try await LeadCheckProcess.run(
            [
                "send", "--config", config, "--destination", "flow", "--seed", "29", "--variants", "typical",
                "--locales", "en-US",
            ],
            timeout: 120, workingDirectory: directory.url)
        #expect(sent.status == 0, "\(sent.stdoutText) \(sent.stderr)")
        let journal = try #require(
            sent.stdoutText.firstMatch(of: /--journal (\S+\.journal)/)?.output.1, "\(sent.stdoutText)")
        #expect(try await sandbox.count("azure-table") == 6)
        let cleaned = try await LeadCheckProcess.run(
            ["cleanup", "--journal", String(journal), "--config", config], timeout: 120, workingDirectory: directory.url
        )
        #expect(cleaned.status == 0, "\(cleaned.stdoutText) \(cleaned.stderr)")
        #expect(cleaned.stdoutText.contains("6 removed"), "\(cleaned.stdoutText)")
        #expect(try await sandbox.count("azure-table") == 0)
        _ = receiver
    }

    @Test func sendingTheDocsPascalCaseToACamelCaseFlowIsCaughtToo() async throws {
        let (result, findings, _) = try await Self.run(reads: "camel", extra: ["--https-case", "pascal"])
        #expect(result.status == 4)
        #expect(
            findings.contains {
                $0["code"] as? String == "readback.blank"
                    && ($0["message"] as? String ?? "").contains("pascalCase payload")
            })
    }
}
