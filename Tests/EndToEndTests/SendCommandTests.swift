import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct SendCommandTests {
    static func nginx() throws -> NginxFixture { try NginxFixture.shared.get() }
    static func raw() throws -> RawServer { try RawServer.shared.get() }

    @Test func generatedLeadsAllGet2xx() async throws {
        let server = try Self.nginx()
        let result = try await LeadCheckProcess.run([
            "send", "--url", server.httpURL + "/", "--count", "60", "--concurrency", "4", "--seed", "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("sent 60 leads"))
        #expect(result.stdoutText.contains("2xx: 60 (202: 60)"))
        #expect(result.stdoutText.contains("latency: p50"))
    }

    /// Ctrl-C during a burst stops feeding new leads; what was sent is still summarised, and
    /// every acknowledged lead is in the sink.
    @Test func interruptedBurstStillPrintsItsSummary() async throws {
        let directory = try TemporaryDirectory()
        let sandbox = try SandboxProcess([], directory: directory)
        let output = directory.url.appendingPathComponent("send.json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = LeadCheckProcess.binary
        process.arguments = [
            "send", "--url", sandbox.httpsURL, "--count", "100000000", "--concurrency", "4", "--seed", "1", "--json",
        ]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while try await sandbox.count("https") < 50, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        kill(process.processIdentifier, SIGINT)
        let exited = Date().addingTimeInterval(20)
        while process.isRunning && Date() < exited { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!process.isRunning, "send ends soon after Ctrl-C")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit, "Ctrl-C is handled, not fatal")
        let summary = (try? JSONSerialization.jsonObject(with: Data(contentsOf: output))) as? [String: Any] ?? [:]
        let sent = summary["sent"] as? Int ?? 0
        #expect(sent >= 50 && sent < 100_000_000, "\(summary)")
        #expect(summary["succeeded"] as? Int == sent)
        // Microsoft's test lead (msft-test) carries its MSFT_TEST_ token instead of LCTEST_.
        let stored = try await sandbox.count("https") + sandbox.count("https", prefix: "MSFT_TEST_")
        #expect(stored >= sent, "every acknowledged lead is stored")
    }

    @Test func endpointFromAConfigDestination() async throws {
        let server = try Self.nginx()
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        try "version: 1\ndestinations:\n  - name: hook\n    type: https\n    url: ${HOOK_URL}\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let environment = ["HOOK_URL": server.httpURL + "/?sig=CANARYCFG123"]
        let result = try await LeadCheckProcess.run(
            ["send", "--config", config, "--destination", "hook", "--count", "3", "--curl"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("202: 3"))
        #expect(!(result.stdoutText + result.stderr).contains("CANARYCFG123"))
        #expect(result.stderr.contains("\"${HOOK_URL}\""), "--curl refers to the variable the config named")
        let wrong = try await LeadCheckProcess.run(
            ["send", "--config", config, "--destination", "nope"], environment: environment)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("hook"))
    }

    @Test func nonSuccessStatusExitsFour() async throws {
        let server = try Self.raw()
        let result = try await LeadCheckProcess.run([
            "send", "--url", server.url + "/status/500", "--count", "5", "--json",
        ])
        #expect(result.status == 4)
        let summary = try JSONSerialization.jsonObject(with: result.stdout) as! [String: Any]
        #expect((summary["statuses"] as? [String: Int])?["500"] == 5)
        #expect(summary["succeeded"] as? Int == 0)
    }

    @Test func unreachableEndpointExitsThreeWithTheErrorCode() async throws {
        let port = try FreePort.next()
        let result = try await LeadCheckProcess.run(["send", "--url", "http://127.0.0.1:\(port)/", "--count", "3"])
        #expect(result.status == 3)
        #expect(result.stdoutText.contains("connect.refused: 3"))
    }

    @Test func leadsFromAnNDJSONFileAreSentAsIs() async throws {
        let server = try Self.raw()
        let directory = try TemporaryDirectory()
        let file = directory.path("leads.ndjson")
        let generated = try await LeadCheckProcess.run([
            "generate", "--seed", "9", "--variants", "hostile,unicode", "--output", file,
        ])
        #expect(generated.status == 0)
        let result = try await LeadCheckProcess.run(["send", "--url", server.url + "/ok", "--input", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: result.stdout) as! [String: Any]
        #expect(summary["sent"] as? Int == 60)
    }

    @Test func badInputLineExitsTwoNamingFileAndLine() async throws {
        let server = try Self.raw()
        let directory = try TemporaryDirectory()
        let file = directory.path("bad.ndjson")
        let good = try await LeadCheckProcess.run(["generate", "--seed", "1", "--count", "2"]).stdoutText
        try (good + "{not json}\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(["send", "--url", server.url + "/ok", "--input", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):3"), "\(result.stderr)")
        let missing = try await LeadCheckProcess.run([
            "send", "--url", server.url + "/ok", "--input", directory.path("nope.ndjson"),
        ])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.ndjson"))
    }

    @Test func signedURLOnTheCommandLineIsRefused() async throws {
        let result = try await LeadCheckProcess.run(["send", "--url", "https://x.example/invoke?sig=SECRETSIG999"])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("SECRETSIG999"))
        #expect(result.stderr.contains("LEADCHECK_SEND_URL"))
        let header = try await LeadCheckProcess.run([
            "send", "--url", "http://127.0.0.1:1/", "--header", "Authorization: Bearer abc",
        ])
        #expect(header.status == 1)
        #expect(header.stderr.contains("--header-env"))
    }

    /// Canary secrets in the URL query and a header, with -v and --curl, on a success path and a
    /// failure path: none may appear anywhere, in any encoding.
    @Test func canarySecretsNeverAppearInAnyOutput() async throws {
        let server = try Self.nginx()
        let sig = "CANARYSIGq7Xz91"
        let header = "CANARYHDRp3Lk28"
        let forms = [sig, header, Data(sig.utf8).base64EncodedString(), Data(header.utf8).base64EncodedString()]
        for base in [server.httpURL + "/invoke", "http://127.0.0.1:\(try FreePort.next())/invoke"] {
            let result = try await LeadCheckProcess.run(
                ["send", "--count", "2", "-v", "--curl", "--header-env", "X-Api-Key=CANARY_HEADER", "--seed", "3"],
                environment: [
                    "LEADCHECK_SEND_URL":
                        "\(base)?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=\(sig)",
                    "CANARY_HEADER": header,
                ]
            )
            #expect(result.status == 0 || result.status == 3)
            let everything = result.stdoutText + result.stderr
            #expect(everything.contains("[REDACTED]"))
            for form in forms { #expect(!everything.contains(form), "\(form) leaked") }
        }
    }

    /// The --curl output is a working command: run through a shell with the same environment,
    /// it makes the same request.
    @Test func curlExportReproducesTheRequest() async throws {
        let server = try Self.nginx()
        let environment = [
            "LEADCHECK_SEND_URL": server.httpURL + "/echo-auth?sig=CANARYSIG55", "AUTH_VALUE": "Bearer tok-123456",
        ]
        let result = try await LeadCheckProcess.run(
            ["send", "--count", "1", "--curl", "--header-env", "Authorization=AUTH_VALUE", "--seed", "5"],
            environment: environment)
        #expect(result.status == 0)
        let command = result.stderr.components(separatedBy: "\n").prefix { !$0.isEmpty }.joined(separator: "\n")
        #expect(command.hasPrefix("curl "))
        let replay = try await LeadCheckProcess.runExecutable(
            URL(fileURLWithPath: "/bin/bash"), ["-c", command], environment: environment)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdoutText == "auth=[Bearer tok-123456]")
    }
}
