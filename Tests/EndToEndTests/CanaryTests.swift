import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `leadcheck canary` against the sandbox (issue 30): every destination up, few API calls and
/// nothing left behind; one broken destination goes down, keeps its last success, and a webhook
/// hears of the change once.
@Suite(.serialized) struct CanaryTests {
    /// A webhook receiver written in Python (no leadcheck code): appends each POST body to a file,
    /// or answers 500 while `down` is set.
    final class Webhook: @unchecked Sendable {
        let process = Process()
        let url: String
        let bodies: String

        init(directory: TemporaryDirectory) throws {
            let portFile = directory.path("webhook.port")
            bodies = directory.path("webhook.bodies")
            let script = """
                import http.server, os, sys
                class H(http.server.BaseHTTPRequestHandler):
                    def do_POST(self):
                        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                        if os.path.exists(sys.argv[2] + ".down"):
                            self.send_response(500); self.end_headers(); self.wfile.write(b"down"); return
                        with open(sys.argv[2], "ab") as f: f.write(body + b"\\n")
                        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
                    def log_message(self, *a): pass
                s = http.server.HTTPServer(("127.0.0.1", 0), H)
                open(sys.argv[1], "w").write(str(s.server_address[1]))
                s.serve_forever()
                """
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, portFile, bodies]
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) {
                    url = "http://127.0.0.1:\(port)/hooks/T000/B000/CANARYwebhookSECRET"
                    return
                }
                usleep(50_000)
            }
            process.terminate()
            throw POSIXFailure("the webhook receiver did not start")
        }

        /// While set, the receiver refuses every message with a 500.
        var down: Bool {
            get { FileManager.default.fileExists(atPath: bodies + ".down") }
            set {
                if newValue {
                    _ = FileManager.default.createFile(atPath: bodies + ".down", contents: nil)
                } else {
                    try? FileManager.default.removeItem(atPath: bodies + ".down")
                }
            }
        }

        var messages: [[String: Any]] {
            ((try? String(contentsOfFile: bodies, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    }

    static func metric(_ text: String, _ name: String, _ destination: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("\(name){destination=\"\(destination)\"") }.map {
            String($0.split(separator: " ").last ?? "")
        }
    }

    @Test func aHealthyRunThenABrokenDestinationThenTheSameAgain() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        let webhook = try Webhook(directory: directory)
        let state = directory.path("state.json")
        let metrics = directory.path("leadcheck.prom")
        let json = directory.path("canary.json")
        let arguments = ["canary", "--config", config, "--state", state, "--metrics", metrics, "--json", json]
        let environment = ["LEADCHECK_NOTIFY_URL": webhook.url]

        let healthy = try await LeadCheckProcess.run(
            arguments, environment: environment, timeout: 120, workingDirectory: directory.url)
        #expect(healthy.status == 0, "\(healthy.stdoutText.suffix(1500))")
        let first = try String(contentsOfFile: metrics, encoding: .utf8)
        let kinds = ["https", "azure-table", "dynamics", "marketo", "salesforce"]
        for kind in kinds {
            #expect(first.contains("leadcheck_canary_up{destination=\"\(kind)\",type=\"\(kind)\"} 1"), "\(first)")
        }
        let calls = kinds.compactMap { Int(Self.metric(first, "leadcheck_canary_api_calls", $0) ?? "") }
        #expect(calls.count == 5 && calls.allSatisfy { $0 <= 6 } && calls.reduce(0, +) <= 30, "\(calls)")
        let firstSuccess = try #require(
            Self.metric(first, "leadcheck_canary_last_success_timestamp_seconds", "dynamics"))
        try await Task.sleep(for: .seconds(3))
        #expect(try await sandbox.count("https", prefix: "MSFT_TEST_") == 0)
        for kind in kinds {
            #expect(try await sandbox.count(kind, prefix: "MSFT_TEST_") == 0, "\(kind)")
            #expect(try await sandbox.count(kind, prefix: "LCTEST_") == 0, "\(kind)")
        }
        #expect(webhook.messages.isEmpty, "a healthy first run notifies nobody: \(webhook.messages)")

        // Dynamics' client secret expires.
        _ = try await sandbox.inspect("/faults", method: "PUT", body: #"{"faults":["dynamics:secret-expired"]}"#)
        try await Task.sleep(for: .seconds(1.1))
        let broken = try await LeadCheckProcess.run(
            arguments, environment: environment, timeout: 120, workingDirectory: directory.url)
        #expect(broken.status == 3 || broken.status == 4, "\(broken.stdoutText.suffix(1500))")
        let second = try String(contentsOfFile: metrics, encoding: .utf8)
        #expect(second.contains("leadcheck_canary_up{destination=\"dynamics\",type=\"dynamics\"} 0"), "\(second)")
        for kind in kinds where kind != "dynamics" {
            #expect(second.contains("leadcheck_canary_up{destination=\"\(kind)\",type=\"\(kind)\"} 1"))
        }
        #expect(
            Self.metric(second, "leadcheck_canary_last_success_timestamp_seconds", "dynamics") == firstSuccess,
            "the last success is kept from the state")
        #expect(Self.metric(second, "leadcheck_canary_last_success_timestamp_seconds", "marketo") != firstSuccess)
        #expect(
            broken.stdoutText.contains("dynamics (dynamics): DOWN") && broken.stdoutText.contains("failing since")
                && broken.stdoutText.contains("last passed"),
            "\(broken.stdoutText.suffix(800))")
        let messages = webhook.messages
        #expect(messages.count == 1, "\(messages)")
        #expect(
            messages.first?["destination"] as? String == "dynamics" && messages.first?["newState"] as? String == "down"
                && messages.first?["oldState"] as? String == "up")
        let text = messages.first?["text"] as? String ?? ""
        #expect(text.contains("dynamics"))

        // Unchanged: no second message; the webhook's secret path is printed nowhere.
        let again = try await LeadCheckProcess.run(
            arguments, environment: environment, timeout: 120, workingDirectory: directory.url)
        #expect(again.status == broken.status)
        #expect(webhook.messages.count == 1, "\(webhook.messages)")

        // Dynamics recovers while the webhook is down: the change is not claimed as notified, the
        // run fails on the notification, and the next run posts the message it kept.
        _ = try await sandbox.inspect("/faults", method: "PUT", body: #"{"faults":[]}"#)
        webhook.down = true
        let unheard = try await LeadCheckProcess.run(
            arguments, environment: environment, timeout: 120, workingDirectory: directory.url)
        #expect(unheard.status == 3, "\(unheard.stdoutText.suffix(1500))")
        #expect(
            unheard.stdoutText.contains("changed: dynamics down → up (not notified yet)")
                && !unheard.stdoutText.contains("(notified)"), "\(unheard.stdoutText.suffix(800))")
        #expect(
            unheard.stdoutText.contains("could not notify: the webhook answered HTTP 500"),
            "\(unheard.stdoutText.suffix(800))")
        #expect(webhook.messages.count == 1)
        webhook.down = false
        let heard = try await LeadCheckProcess.run(
            arguments, environment: environment, timeout: 120, workingDirectory: directory.url)
        #expect(heard.status == 0, "\(heard.stdoutText.suffix(1500))")
        #expect(
            webhook.messages.count == 2 && webhook.messages.last?["destination"] as? String == "dynamics"
                && webhook.messages.last?["newState"] as? String == "up",
            "\(webhook.messages)")
        #expect(
            !(try String(contentsOfFile: state, encoding: .utf8)).contains("pending"),
            "a posted message leaves the state file")
        // A webhook URL without its scheme is refused without echoing its secret path.
        let schemeless = try await LeadCheckProcess.run(
            arguments, environment: ["LEADCHECK_NOTIFY_URL": "hooks.example.com/T000/B000/CANARYwebhookSECRET"],
            timeout: 60, workingDirectory: directory.url)
        #expect(schemeless.status == 1 && schemeless.stderr.contains("LEADCHECK_NOTIFY_URL"), "\(schemeless.stderr)")
        for output in [healthy, broken, again, unheard, heard, schemeless] {
            #expect(!output.everything(reading: [json, state, metrics]).contains("CANARYwebhookSECRET"))
        }
    }

    @Test func lintRefusesWhatPartnerCenterRefusesAndAcceptsWhatItTakes() async throws {
        let directory = try TemporaryDirectory()
        let good = directory.path("good.yaml")
        let bad = directory.path("bad.yaml")
        let office = directory.path("office.yaml")
        let blob = directory.path("blob.yaml")
        let head = "version: 1\ndefaults:\n  matrix: full\ndestinations:\n"
        try
            (head + """
                  - {name: hook, type: https, url: "https://prod-00.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke"}
                  - {name: sf, type: salesforce, orgId: 00D5e000001Acue, instanceUrl: "https://x.my.salesforce.com", clientId: a, clientSecret: b}
                  - {name: mkto, type: marketo, munchkinId: 123-PQR-789, formId: 1179, clientId: a, clientSecret: b}
                  - {name: crm, type: dynamics, instanceUrl: "https://contoso.crm.dynamics.com", tenantId:\
                 72f988bf-86f1-41af-91ab-2d7cd011db47, clientId: 23456052-aaaa-bbbb-8662-1234df56788f,\
                 clientSecret: s}
                  - {name: table, type: azure-table, connectionString:\
                 "DefaultEndpointsProtocol=https;AccountName=leads;AccountKey=a2V5;EndpointSuffix=core.windows.net"}
                """).write(toFile: good, atomically: true, encoding: .utf8)
        let accepted = try await LeadCheckProcess.run(["lint", "--config", good])
        #expect(accepted.status == 0, "\(accepted.stdoutText)")
        try
            (head + """
                  - {name: hook, type: https, url: "http://example.com/hook"}
                  - {name: sf, type: salesforce, orgId: 00D5e000001AcueEAC, instanceUrl: "https://x.my.salesforce.com", clientId: a, clientSecret: b}
                  - {name: mkto, type: marketo, munchkinId: 123PQR789, formId: 123456789, clientId: a, clientSecret: b}
                  - {name: crm, type: dynamics, instanceUrl: "https://contoso.crm.dynamics.com", tenantId:\
                 contoso.onmicrosoft.com, clientId: app, clientSecret: s}
                  - {name: table, type: azure-table, connectionString: "DefaultEndpointsProtocol=https;AccountName=leads;SharedAccessSignature=sv=1&sig=x"}
                """).write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try await LeadCheckProcess.run(["lint", "--config", bad])
        #expect(refused.status == 4)
        for key in [
            "url", "orgId", "00D5e000001Acue", "munchkinId", "formId", "tenantId", "tenant domain", "clientId",
            "connectionString",
        ] {
            #expect(refused.stdoutText.contains(key), "\(key): \(refused.stdoutText)")
        }
        #expect(refused.stdoutText.contains("bad.yaml:6:"), "file:line:column: \(refused.stdoutText)")
        try
            (head
            + "  - {name: crm, type: dynamics, instanceUrl: \"https://c.crm.dynamics.com\", authentication: office365, username: u, password: p}\n")
            .write(toFile: office, atomically: true, encoding: .utf8)
        #expect(try await LeadCheckProcess.run(["lint", "--config", office]).status == 0)
        let strict = try await LeadCheckProcess.run(["lint", "--config", office, "--strict"])
        #expect(
            strict.status == 4 && strict.stdoutText.contains("office365") && strict.stdoutText.contains("deprecated"),
            "\(strict.stdoutText)")
        try
            (head
            + "  - {name: old, type: azure-blob, connectionString: \"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5\"}\n")
            .write(toFile: blob, atomically: true, encoding: .utf8)
        let retired = try await LeadCheckProcess.run(["lint", "--config", blob])
        #expect(
            retired.status == 4 && retired.stdoutText.contains("config.retired")
                && retired.stdoutText.contains("retired"), "\(retired.stdoutText) \(retired.stderr)")
        // A Partner Center document is checked by the same rules, placed by JSON path.
        let document = directory.path("customer-leads.json")
        try #"{"leadDestination":"salesforce","salesforceLeadConfiguration":{"objectIdentifier":"00D5e000001AcueEAC"}}"#
            .write(toFile: document, atomically: true, encoding: .utf8)
        let fromPartnerCenter = try await LeadCheckProcess.run(["lint", "--partner-center", document])
        #expect(
            fromPartnerCenter.status == 4
                && fromPartnerCenter.stdoutText.contains("salesforceLeadConfiguration.objectIdentifier"),
            "\(fromPartnerCenter.stdoutText)")
        // A configure document (the resource inside `resources`, snake_case names) is what the
        // import takes, so lint takes it too; a formId too big for an Int is a finding, not a trap.
        let configure = directory.path("configure.json")
        try #"""
        {"$schema":"https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2","resources":[{"$\#
        schema":"https://schema.mp.microsoft.com/schema/product/2022-03-01-preview3"},{"$schema":"https://\#
        schema.mp.microsoft.com/schema/customer-leads/2022-03-01-preview3","leadDestination":"marketo","ma\#
        rketoLeadConfiguration":{"munchkin_account_id":"123-PQR-789","form_id":1e19}}]}
        """#
        .write(toFile: configure, atomically: true, encoding: .utf8)
        let nested = try await LeadCheckProcess.run(["lint", "--partner-center", configure])
        #expect(
            nested.status == 4 && nested.stdoutText.contains("marketoLeadConfiguration.form_id")
                && !nested.stdoutText.contains("munchkinId"), "\(nested.stdoutText) \(nested.stderr)")
        // An alias bomb is refused before YAML expands it.
        let bomb = directory.path("bomb.yaml")
        try (head + "  - &a {name: x, type: https, url: \"https://example.com/x\"}\n  - *a\n").write(
            toFile: bomb, atomically: true, encoding: .utf8)
        let aliases = try await LeadCheckProcess.run(["lint", "--config", bomb])
        #expect(
            aliases.status == 2 && aliases.stderr.contains("bomb.yaml:5:5")
                && aliases.stderr.contains("anchors and aliases"), "\(aliases.stderr)")
    }
}
