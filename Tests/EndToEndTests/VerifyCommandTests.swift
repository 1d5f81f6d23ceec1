import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationXML)
    import FoundationXML
    import LeadModel
#endif

/// Serialized: each test starts sandboxes and binaries, and running them all at once starves the
/// two-core machine for every other suite.
@Suite(.serialized) struct VerifyCommandTests {
    static func report(_ data: Data) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    @Test func sandboxVerifiesCleanlyAndWritesTheJSONReport() async throws {
        let directory = try TemporaryDirectory()
        let json = directory.path("report.json")
        // One locale keeps Marketo's share under its 100 calls / 20 s, which leadcheck respects.
        let result = try await LeadCheckProcess.run([
            "verify", "--sandbox", "--json", json, "--seed", "42", "--locales", "en-US",
        ])
        #expect(result.status == 0, "\(result.stdoutText)")
        let report = try Self.report(try Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(report["schemaVersion"] as? Int == 1)
        #expect(report["verdict"] as? String == "passed")
        #expect(report["seed"] as? String == "42")
        let leads = report["leads"] as! [[String: Any]]
        let results = report["results"] as! [[String: Any]]
        let destinations = report["destinations"] as! [[String: Any]]
        #expect(
            destinations.map { $0["kind"] as? String ?? "" } == [
                "https", "azure-table", "dynamics", "marketo", "salesforce",
            ])
        #expect(destinations.allSatisfy { $0["readsBack"] as? Bool == true })
        let usage = destinations.last?["usage"] as? [String: Any]
        #expect(usage?["used"] as? Int == 18 && usage?["limit"] as? Int == 500)
        #expect(leads.count == 18)
        #expect(results.count == 90)
        #expect(results.allSatisfy { $0["status"] as? String == "passed" })
        #expect(result.stdoutText.contains("90 checks: 90 passed"))
        #expect(
            result.stdoutText.contains("; 18 of 500 Web-to-Lead submissions per day"),
            "\(result.stdoutText.suffix(600))")
        // One request per delivery plus batched reads and deletes: Marketo's token, preflight,
        // 18 submissions, one read and one delete (issue 17: at most 1.2 calls per lead).
        let calls = Dictionary(
            uniqueKeysWithValues: destinations.map { ($0["name"] as? String ?? "", $0["apiCalls"] as? Int ?? -1) })
        #expect(calls["marketo"] == 22, "\(calls)")
        #expect(calls.values.allSatisfy { $0 > 18 }, "every destination counts its requests: \(calls)")
    }

    @Test(arguments: [
        ("https:status=500", Int32(4), "http.status", "https"),
        ("https:fail-first=2", Int32(4), "http.status", "https"),
        ("https:drop", Int32(3), "http.protocol", "https"),
        ("https:require-sig=expected", Int32(4), "http.status", "https"),
        ("azure-table:clock-skew", Int32(4), "clock.skew", "azure-table"),
        ("azure-table:status=503", Int32(4), "throttled", "azure-table"),
        ("*:mojibake", Int32(4), "field.mangled", "azure-table"),
        // docs/reference/azure-table.md §8–§2 and docs/reference/flows.md §1–§2, as the sandbox now answers them.
        ("azure-table:firewall", Int32(4), "access.blocked", "azure-table"),
        ("azure-table:shared-key-disabled", Int32(4), "access.blocked", "azure-table"),
        ("dynamics:write-only", Int32(0), "readback.denied", "dynamics"),
        ("dynamics:no-app-user", Int32(4), "permission.missing", "dynamics"),
        ("dynamics:secret-expired", Int32(4), "auth.rejected", "dynamics"),
        ("https:tenant-only", Int32(4), "access.blocked", "https"),
        ("https:schema-validation", Int32(4), "deliver.rejected", "https"),
    ])
    func faultsGiveTheirFindingOnTheRightDestination(
        _ fault: String, _ exit: Int32, _ code: String, _ destination: String
    ) async throws {
        let directory = try TemporaryDirectory()
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run([
            "verify", "--sandbox", "--fault", fault, "--json", json, "--locales", "en-US",
        ])
        #expect(result.status == exit, "\(fault): \(result.stdoutText.suffix(600))")
        let findings = try Self.report(try Data(contentsOf: URL(fileURLWithPath: json)))["findings"] as! [[String: Any]]
        #expect(
            findings.contains { $0["code"] as? String == code && $0["destination"] as? String == destination },
            "\(fault)")
        #expect(findings.allSatisfy { !($0["hint"] as? String ?? "").isEmpty })
    }

    @Test func junitKeepsFailureApartFromErrorAndParses() async throws {
        let directory = try TemporaryDirectory()
        for (fault, element) in [("https:status=500", "failure"), ("https:drop", "error")] {
            let path = directory.path("report-\(element).xml")
            _ = try await LeadCheckProcess.run([
                "verify", "--sandbox", "--fault", fault, "--junit", path, "--locales", "en-US",
            ])
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let counter = ElementCounter()
            let parser = XMLParser(data: data)
            parser.delegate = counter
            #expect(parser.parse(), "well-formed XML")
            #expect(counter.counts["testcase"] == 90, "18 leads × 5 destinations")
            if element == "failure" {
                #expect(counter.counts[element] == 18, "\(fault) → 18 <failure>, the https leads")
            } else {
                // After 3 unreachable leads in a row the rest are skipped; those in flight still end as errors.
                let errors = counter.counts["error"] ?? 0
                #expect(
                    (3...6).contains(errors) && errors + (counter.counts["skipped"] ?? 0) == 18,
                    "\(fault) → \(errors) <error>, the rest <skipped>")
            }
            #expect(counter.counts[element == "failure" ? "error" : "failure"] == nil)
        }
    }

    @Test(arguments: [
        ("*:tls-expired", "tls.expired"), ("*:tls-untrusted", "tls.untrusted"), ("*:tls-wrong-host", "tls.hostname"),
    ])
    func tlsFaultsAreUnreachableWithTheirCode(_ fault: String, _ code: String) async throws {
        let result = try await LeadCheckProcess.run([
            "verify", "--sandbox", "--tls", "--fault", fault, "--locales", "en-US",
        ])
        #expect(result.status == 3, "\(result.stdoutText.suffix(400))")
        #expect(result.stdoutText.contains(code))
        #expect(result.stdoutText.contains("skipped"), "a failed preflight skips the leads with one finding")
    }

    /// The generated CA file lives only as long as the command that needed it: verify and the
    /// standalone sandbox leave TMPDIR as they found it.
    @Test func sandboxOverTLSPassesAndLeavesNothingInTMPDIR() async throws {
        let directory = try TemporaryDirectory()
        let tmp = directory.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let result = try await LeadCheckProcess.run(
            ["verify", "--sandbox", "--tls", "--locales", "en-US"], environment: ["TMPDIR": tmp])
        #expect(result.status == 0, "\(result.stdoutText.suffix(400))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "verify left files in TMPDIR")
        let sandbox = try SandboxProcess(
            ["--tls", "--write-config", directory.path("c.yaml")], directory: directory, environment: ["TMPDIR": tmp])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).count == 1, "the running sandbox's CA file")
        #expect(sandbox.stop() == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "the sandbox left its CA file in TMPDIR")
    }

    /// When the in-process sandbox cannot start, verify says why and exits 3 instead of waiting.
    @Test func aSandboxThatCannotStartEndsTheRunWithExitThree() async throws {
        let result = try await LeadCheckProcess.run(
            ["verify", "--sandbox", "--tls", "--locales", "en-US"],
            environment: ["TMPDIR": "/nonexistent/leadcheck-tmp"], timeout: 60)
        #expect(result.status == 3, "\(result.stdoutText.suffix(300)) \(result.stderr.suffix(300))")
        #expect(result.stderr.contains("the in-process sandbox could not start"), "\(result.stderr.suffix(300))")
    }

    @Test func latencyPastTheTimeoutIsHTTPTimeout() async throws {
        let result = try await LeadCheckProcess.run([
            "verify", "--sandbox", "--fault", "https:latency=1500ms", "--timeout", "0.5", "--destination", "https",
        ])
        #expect(result.status == 3)
        #expect(result.stdoutText.contains("http.timeout"))
    }

    @Test func truncationIsNamedWithTheFieldAndLimit() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(
            ["--write-config", path, "--fault", "azure-table:truncate"], directory: directory)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "variants: [typical, unicode, hostile]", with: "variants: [limits]")
            .replacingOccurrences(of: "locales: [en-US, ja-JP]", with: "locales: [en-US]")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run([
            "verify", "--config", path, "--destination", "azure-table", "--json", json,
        ])
        #expect(result.status == 4, "\(result.stdoutText.suffix(500))")
        let findings = try Self.report(try Data(contentsOf: URL(fileURLWithPath: json)))["findings"] as! [[String: Any]]
        #expect(
            findings.contains { $0["code"] as? String == "field.truncated" && $0["field"] as? String == "LastName" })
        _ = sandbox
    }

    @Test func wrongAccountKeyIsAuthRejectedWithTheKeyHint() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", path], directory: directory)
        let key = sandbox.azureTable["key"] as! String
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: key, with: "d3JvbmdrZXl3cm9uZ2tleXdyb25na2V5d3Jvbmdr")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(["verify", "--config", path, "--destination", "azure-table"])
        #expect(result.status == 4)
        #expect(result.stdoutText.contains("auth.rejected"))
        #expect(result.stdoutText.contains("AccountKey"))
        #expect(!result.stdoutText.contains("d3JvbmdrZXl3cm9uZ2tleXdyb25na2V5d3Jvbmdr"), "the key is never printed")
    }

    /// A run killed with SIGKILL halfway, then `cleanup --journal`: none of its leads remain, and
    /// pre-seeded real leads are untouched.
    @Test func cleanupAfterSIGKILLRemovesExactlyTheRunsLeads() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let journal = directory.path("run.journal")
        let sandbox = try SandboxProcess(
            ["--write-config", config, "--fault", "*:latency=150ms"], directory: directory)
        for seed in [
            #"{"destination":"https","body":{"UserDetails":{"Email":"real@contoso.com"},"Description":"real lead"}}"#,
            #"""
            {"destination":"azure-table","account":"devstoreaccount1","table":"MarketplaceLeads","entity":{"Pa\#
            rtitionKey":"1:2F1:2F2026","RowKey":"real-1","Description":"real"}}
            """#,
        ] {
            _ = try await sandbox.inspect("/seed", method: "POST", body: seed)
        }
        let process = Process()
        process.executableURL = LeadCheckProcess.binary
        // --no-cleanup: stored leads stay until the kill, so the test does not depend on catching
        // the short moment between a lead's delivery and its removal.
        process.arguments = [
            "verify", "--config", config, "--destination", "https", "--destination", "azure-table", "--journal",
            journal, "--seed", "3", "--no-cleanup",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once test leads are stored in both destinations, i.e. mid-run.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let stored = try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int]
            if (stored["https"] ?? 0) >= 2 && (stored["azure-table"] ?? 0) >= 2 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Requests in flight at the kill still land (the latency fault holds them 150 ms); a
        // cleanup started before they do finds nothing to remove for them.
        try await Task.sleep(for: .milliseconds(500))
        let counts = try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int]
        #expect(
            (counts["https"] ?? 0) + (counts["azure-table"] ?? 0) > 0,
            "the killed run left test leads behind: \(counts)")

        let cleanup = try await LeadCheckProcess.run(["cleanup", "--journal", journal, "--config", config])
        #expect(cleanup.status == 0, "\(cleanup.stdoutText) \(cleanup.stderr)")
        let after = try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int]
        #expect(after["https"] == 0 && after["azure-table"] == 0, "\(after)")
        let all = try await sandbox.inspect("/counts") as! [String: Int]
        #expect(all["https"] == 1 && all["azure-table"] == 1, "the seeded real leads are untouched: \(all)")
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(!journalText.contains(sandbox.azureTable["key"] as! String), "no secret in the journal")
    }

    /// Canary secrets (an account key and a SAS sig) through a passing and a failing run: none
    /// appears in stdout, stderr, the JSON or JUnit report or the journal, in any encoding.
    @Test func canarySecretsNeverAppearInAnyVerifyOutput() async throws {
        let directory = try TemporaryDirectory()
        let keyText = "CANARYKEY-verify-0001-qz"
        let key = Data(keyText.utf8).base64EncodedString()
        let sig = "CANARYSIG7788qz"
        let sandbox = try SandboxProcess(
            ["--table-account", "canaryacct=CANARY_TABLE_KEY", "--fault", "https:require-sig=\(sig)"],
            directory: directory, environment: ["CANARY_TABLE_KEY": key])
        let config = directory.path("canary.yaml")
        try sandbox.hookAndTableYAML(urlVariable: "CANARY_URL", connectionVariable: "CANARY_CONN").write(
            toFile: config, atomically: true, encoding: .utf8)
        let connection = sandbox.tableConnectionString(account: "canaryacct", key: key)
        let forms = [
            key, keyText, sig, Data(sig.utf8).base64EncodedString(),
            key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
        ]
        for (label, url) in [("pass", sandbox.httpsURL + "&sig=\(sig)"), ("fail", sandbox.httpsURL + "&sig=\(sig)X")] {
            let json = directory.path("\(label).json")
            let junit = directory.path("\(label).xml")
            let journal = directory.path("\(label).journal")
            let result = try await LeadCheckProcess.run(
                ["verify", "--config", config, "--json", json, "--junit", junit, "--journal", journal],
                environment: ["CANARY_URL": url, "CANARY_CONN": connection])
            #expect(result.status == (label == "pass" ? 0 : 4), "\(label): \(result.stdoutText.suffix(500))")
            let everything = result.everything(reading: [json, junit, journal])
            for form in forms { #expect(!everything.contains(form), "\(label): \(form) leaked") }
        }
    }

    @Test func cleanupByMarkerPrefixRemovesEveryTestLeadAndNothingElse() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        for seed in [
            #"{"destination":"https","body":{"UserDetails":{"Email":"real@contoso.com"},"Description":"real lead"}}"#,
            #"""
            {"destination":"azure-table","account":"devstoreaccount1","table":"MarketplaceLeads","entity":{"Pa\#
            rtitionKey":"1:2F1:2F2026","RowKey":"real-1","Description":"real LCTEST mention not a marker"}}
            """#,
        ] {
            _ = try await sandbox.inspect("/seed", method: "POST", body: seed)
        }
        for _ in 0..<2 {
            let kept = try await LeadCheckProcess.run([
                "verify", "--config", config, "--destination", "https", "--destination", "azure-table", "--no-cleanup",
            ])
            #expect(kept.status == 0)
        }
        let before = try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int]
        #expect(before["https"] == 72 && before["azure-table"] == 72, "\(before)")
        for bad in ["", "LC", "lctest", "X_LCTEST_"] {
            let refused = try await LeadCheckProcess.run(["cleanup", "--config", config, "--marker-prefix", bad])
            #expect(refused.status == 1, "'\(bad)' must be refused")
        }
        let cleaned = try await LeadCheckProcess.run(["cleanup", "--config", config, "--marker-prefix", "LCTEST_"])
        #expect(cleaned.status == 0, "\(cleaned.stdoutText)")
        #expect(cleaned.stdoutText.contains("azure-table: 72 removed"))
        let after = try await sandbox.inspect("/counts") as! [String: Int]
        #expect(after["https"] == 1 && after["azure-table"] == 1, "only the real leads remain: \(after)")
    }

    /// An endpoint that answers 2xx but whose "flow" never writes to the named destination:
    /// polled until the read-back timeout, then readback.missing naming that destination.
    @Test func acknowledgedButNeverStoredIsReadbackMissing() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "    inspectionUrl: ",
            with: "    readback: azure-table\n    readbackTimeout: 300ms\n    # was inspectionUrl: "
        )
        .replacingOccurrences(of: "variants: [typical, unicode, hostile]", with: "variants: [typical]")
        .replacingOccurrences(of: "locales: [en-US, ja-JP]", with: "locales: [en-US]")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(["verify", "--config", config, "--destination", "https"])
        #expect(result.status == 4, "\(result.stdoutText.suffix(600)) \(result.stderr)")
        #expect(result.stdoutText.contains("readback.missing"))
        #expect(result.stdoutText.contains("never reached azure-table"))
        _ = sandbox
    }

    @Test(arguments: [
        ("version: 1\ndestinations:\n  - name: [unclosed\n", ":4:1"),
        (
            "version: 1\ndestinations:\n  - name: m\n    type: marketo\n    munchkinId: x\n    formId: abc\n    clientId: c\n    clientSecret: s\n",
            ":6:13"
        ),
        (
            "version: 1\ndestinations:\n  - name: h\n    type: https\n    url: ${LEADCHECK_TEST_UNSET_VARIABLE}\n",
            ":5:10"
        ),
        (
            "version: 1\ndestinations:\n  - name: t\n    type: azure-table\n    connectionString: \"AccountName=a\"\n",
            ":5:23"
        ),
    ])
    func everyConfigErrorExitsTwoWithItsPlace(_ text: String, _ place: String) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("c.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(["verify", "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(path + place), "\(result.stderr)")
    }

    /// A pass that only proves a 2xx must not look like a pass that proved storage.
    @Test func deliveryOnlyDestinationsAreSaidToBeSo() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        let text = try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(
            of: "    inspectionUrl: ", with: "    # inspectionUrl: ")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run([
            "verify", "--config", config, "--destination", "https", "--destination", "azure-table", "--json", json,
        ])
        #expect(result.status == 0, "\(result.stdoutText.suffix(400))")
        #expect(result.stdoutText.contains("https: checked by delivery only"))
        #expect(!result.stdoutText.contains("azure-table: checked by delivery only"))
        let destinations =
            try Self.report(try Data(contentsOf: URL(fileURLWithPath: json)))["destinations"] as! [[String: Any]]
        #expect(destinations.first { $0["name"] as? String == "https" }?["readsBack"] as? Bool == false)
        #expect(destinations.first { $0["name"] as? String == "azure-table" }?["readsBack"] as? Bool == true)
        _ = sandbox
    }

    @Test func configErrorsExitTwoWithLineAndColumn() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("bad.yaml")
        try "version: 1\ndestinations:\n  - name: t\n    type: azure-table\n    conectionString: x\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(["verify", "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):5:5"), "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'connectionString'"))
    }
}

/// Counts XML elements by name.
final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        counts[elementName, default: 0] += 1
    }
}
