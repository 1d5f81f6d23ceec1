import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `leadcheck listen` records what arrives byte for byte and says how it differs from
/// leadcheck's model; `send --input` replays the capture (issue 31).
@Suite(.serialized) struct ListenTests {
    /// A running `leadcheck listen`.
    final class Listener: @unchecked Sendable {
        let process = Process()
        let url: String
        let capture: String
        let stdout: URL

        init(
            _ arguments: [String], directory: TemporaryDirectory, environment: [String: String] = [:],
            output: String? = nil
        ) throws {
            let urlFile = directory.path("listen-\(UUID().uuidString).url")
            capture = output ?? directory.path("capture-\(UUID().uuidString).ndjson")
            stdout = directory.url.appendingPathComponent("listen-\(UUID().uuidString).out")
            _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
            process.executableURL = LeadCheckProcess.binary
            process.arguments = ["listen", "--url-file", urlFile, "--output", capture] + arguments
            var env = ProcessInfo.processInfo.environment
            for (key, value) in environment { env[key] = value }
            process.environment = env
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if let text = try? String(contentsOfFile: urlFile, encoding: .utf8), !text.isEmpty {
                    url = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    return
                }
                usleep(50_000)
            }
            process.terminate()
            throw POSIXFailure("leadcheck listen did not start")
        }

        var records: [[String: Any]] {
            ((try? String(contentsOfFile: capture, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        var lines: String { (try? String(contentsOf: stdout, encoding: .utf8)) ?? "" }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGTERM) } }
    }

    static let camel =
        #"""
        {"userDetails":{"firstName":"Aiko","lastName":"Tanaka","email":"aiko@contoso.com","phone":"1234567890"\#
        ,"country":"JP","company":"Contoso","title":"CTO"},"leadSource":"AzureMarketplace","actionCode":"INS",\#
        "offerTitle":"Contoso Analytics","description":"名前 テスト"}
        """#
    static let pascal =
        #"""
        {"UserDetails":{"FirstName":"MSFT_TEST_636573304831318844","LastName":"MSFT_TEST_636573304831318844","\#
        Email":"MSFT_TEST_636573304831318844@test.com","Phone":"1234567890","Country":"US","Company":"MSFT_TES\#
        T_636573304831318844","Title":"MSFT_TEST_636573304831318844"},"LeadSource":"AzureMarketplace","ActionC\#
        ode":"INS","OfferTitle":"Contoso Test","Description":"MSFT_TEST_636573304831318844"}
        """#
    static let form =
        """
        oid=00D5e000001Acue&encoding=UTF-8&first_name=Jos%C3%A9&last_name=O%27Brien&email=jose%40contoso.com&p\
        hone=1234567890&country=US&company=Contoso&title=CTO&description=hi&lead_source=AzureMarketplace-INS%7\
        CContoso+Analytics
        """

    /// Posts with curl (a client nobody here wrote), returning the status.
    static func post(_ url: String, _ body: String, contentType: String) async throws -> Int32 {
        let result = try await LeadCheckProcess.runExecutable(
            URL(fileURLWithPath: "/usr/bin/curl"),
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: \(contentType)", "--data-binary",
                body, url,
            ])
        return Int32(result.stdoutText) ?? -1
    }

    @Test func recordsByteForByteAndSaysWhatDiffers() async throws {
        let directory = try TemporaryDirectory()
        let listener = try Listener([], directory: directory)
        let signed =
            "\(listener.url)/workflows/abc/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=LISTENsigCANARY"
        #expect(try await Self.post(signed, Self.camel, contentType: "application/json") == 202)
        #expect(try await Self.post("\(listener.url)/hook", Self.pascal, contentType: "application/json") == 202)
        #expect(
            try await Self.post(
                "\(listener.url)/servlet/servlet.WebToLead?encoding=UTF-8", Self.form,
                contentType: "application/x-www-form-urlencoded") == 202)
        try await Task.sleep(for: .milliseconds(300))
        let records = listener.records
        try #require(records.count == 3)
        for (record, sent) in zip(records, [Self.camel, Self.pascal, Self.form]) {
            #expect(Array((record["body"] as? String ?? "").utf8) == Array(sent.utf8), "byte for byte")
            #expect((record["answer"] as? [String: Any])?["status"] as? Int == 202)
            #expect((record["headers"] as? [[String]])?.first?.first == "Host")
        }
        let lines = listener.lines.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(lines)")
        #expect(lines[0].contains("JSON lead") && lines[0].contains("matches leadcheck's model"), "\(lines[0])")
        #expect(
            lines[1].contains("casing: ActionCode (leadcheck: actionCode)") && lines[1].contains("Validate lead"),
            "\(lines[1])")
        #expect(lines[2].contains("Web-to-Lead form"), "\(lines[2])")
        let everything = listener.lines + ((try? String(contentsOfFile: listener.capture, encoding: .utf8)) ?? "")
        #expect(!everything.contains("LISTENsigCANARY"))
    }

    @Test func answersAsToldAfterTheDelay() async throws {
        let directory = try TemporaryDirectory()
        let listener = try Listener(["--status", "500", "--delay", "2s"], directory: directory)
        let started = Date()
        #expect(try await Self.post("\(listener.url)/hook", Self.camel, contentType: "application/json") == 500)
        #expect(Date().timeIntervalSince(started) >= 1.9)
        try await Task.sleep(for: .milliseconds(200))
        #expect((listener.records.first?["answer"] as? [String: Any])?["status"] as? Int == 500)
    }

    @Test func forwardsTheSameBytesAndAnswersWithTheReceiversAnswer() async throws {
        let directory = try TemporaryDirectory()
        let receiver = try CanaryTests.Webhook(directory: directory)
        let listener = try Listener(["--forward-to", receiver.url], directory: directory)
        #expect(try await Self.post("\(listener.url)/hook", Self.camel, contentType: "application/json") == 200)
        try await Task.sleep(for: .milliseconds(300))
        let received = (try? String(contentsOfFile: receiver.bodies, encoding: .utf8)) ?? ""
        #expect(received == Self.camel + "\n", "the receiver got the same bytes")
        let answer = listener.records.first?["answer"] as? [String: Any]
        #expect(answer?["status"] as? Int == 200 && answer?["body"] as? String == "ok")
        let forwardedTo = answer?["forwardedTo"] as? String ?? ""
        #expect(forwardedTo.hasPrefix("http://127.0.0.1:"), "\(forwardedTo)")
        // A signed forward URL on the command line is refused; from the environment its
        // signature is in no line and no capture.
        let refused = try await LeadCheckProcess.run(
            ["listen", "--forward-to", "https://example.com/invoke?sig=FORWARDsigCANARY"], timeout: 20)
        #expect(refused.status == 1 || refused.status == 2)
        #expect(!(refused.stdoutText + refused.stderr).contains("FORWARDsigCANARY"))
        let signed = try Listener(
            [], directory: directory,
            environment: ["LEADCHECK_FORWARD_URL": receiver.url + "?sp=%2Ftriggers&sig=FORWARDsigCANARY"])
        #expect(try await Self.post("\(signed.url)/hook", Self.camel, contentType: "application/json") == 200)
        try await Task.sleep(for: .milliseconds(300))
        let everything = signed.lines + ((try? String(contentsOfFile: signed.capture, encoding: .utf8)) ?? "")
        #expect(everything.contains("forwardedTo") && !everything.contains("FORWARDsigCANARY"), "\(everything)")
    }

    /// A request that cannot be written down (a full disk: /dev/full) is answered 503, so the
    /// sender tries again, and the line says so; the capture file is private; a receiver that
    /// cannot be reached is a 502 the capture explains, not the flow's answer.
    @Test func whatCannotBeRecordedOrForwardedIsSaidSo() async throws {
        let directory = try TemporaryDirectory()
        let full = try Listener([], directory: directory, output: "/dev/full")
        #expect(try await Self.post("\(full.url)/hook", Self.camel, contentType: "application/json") == 503)
        try await Task.sleep(for: .milliseconds(200))
        #expect(full.lines.contains("NOT RECORDED") && full.lines.contains("standard output") == false, "\(full.lines)")
        #expect(full.process.isRunning, "a failed write is no crash")

        let unreachable = try Listener(["--forward-to", "http://127.0.0.1:9/hook"], directory: directory)
        #expect(try await Self.post("\(unreachable.url)/hook", Self.camel, contentType: "application/json") == 502)
        try await Task.sleep(for: .milliseconds(200))
        let answer = try #require(unreachable.records.first?["answer"] as? [String: Any])
        let why = answer["forwardError"] as? String ?? ""
        #expect(!why.isEmpty && unreachable.lines.contains("not forwarded: \(why)"), "\(answer) \(unreachable.lines)")
        let mode =
            (try FileManager.default.attributesOfItem(atPath: unreachable.capture)[.posixPermissions] as? NSNumber)?
            .intValue
        #expect(mode == 0o600, "\(String(mode ?? 0, radix: 8))")
    }

    @Test func aCaptureIsReplayedUnchangedOrDeliveredAsMicrosoftWould() async throws {
        let directory = try TemporaryDirectory()
        let listener = try Listener([], directory: directory)
        #expect(try await Self.post("\(listener.url)/hook", Self.pascal, contentType: "application/json") == 202)
        try await Task.sleep(for: .milliseconds(300))
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        // To an HTTPS endpoint: the captured body, unchanged.
        let replay = try await LeadCheckProcess.run(
            ["send", "--url", sandbox.httpsURL, "--input", listener.capture], timeout: 60)
        #expect(replay.status == 0, "\(replay.stdoutText) \(replay.stderr)")
        let https = try await sandbox.inspect("/leads?destination=https") as? [[String: Any]] ?? []
        #expect(https.map { $0["record"] as? String } == [Self.pascal])
        // To Azure Table and Dynamics: the captured lead, stored field by field.
        // Every field the capture carried: the token (first and last name, company, title,
        // description), the email, the phone and the country.
        let values = ["MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844@test.com", "1234567890", "US"]
        for (kind, fields) in [("azure-table", values + ["Contoso Test"]), ("dynamics", values)] {
            let sent = try await LeadCheckProcess.run(
                ["send", "--config", config, "--destination", kind, "--input", listener.capture], timeout: 60,
                workingDirectory: directory.url)
            #expect(sent.status == 0, "\(kind): \(sent.stdoutText) \(sent.stderr)")
            let stored = try await sandbox.inspect("/leads?destination=\(kind)") as? [[String: Any]] ?? []
            #expect(stored.count == 1, "\(kind)")
            let record = stored.first?["record"] as? String ?? ""
            for value in fields { #expect(record.contains(value), "\(kind): \(value) in \(record)") }
            #expect(stored.first?["marker"] as? String == "MSFT_TEST_636573304831318844", "\(kind)")
        }
        // --count bounds a capture's leads as it bounds records.
        let twice = directory.path("twice.ndjson")
        let line = try String(contentsOfFile: listener.capture, encoding: .utf8)
        try (line + line).write(toFile: twice, atomically: true, encoding: .utf8)
        let one = try await LeadCheckProcess.run(
            ["send", "--config", config, "--destination", "salesforce", "--input", twice, "--count", "1"], timeout: 60,
            workingDirectory: directory.url)
        #expect(one.status == 0, "\(one.stdoutText) \(one.stderr)")
        #expect((try await sandbox.inspect("/leads?destination=salesforce") as? [[String: Any]] ?? []).count == 1)
    }
}
