import Foundation
import TestSupport
import Testing

/// Every `offer` and `defaults` key of leadcheck.yaml changes what `verify` does (issue 17: a
/// key that is parsed and then ignored is a promise broken). `timeout` has its own tests in
/// DeadDestinationTests; the destination keys are what the sandbox's config runs on.
@Suite(.serialized) struct ConfigKeyTests {
    /// The sandbox's config with its `offer` and `defaults` blocks replaced.
    static func config(
        _ sandboxConfig: String, offer: String = "id: contoso.contoso-analytics\n  title: Contoso Analytics",
        defaults: String
    ) throws -> String {
        let text = try String(contentsOfFile: sandboxConfig, encoding: .utf8)
        let destinations = text[text.range(of: "destinations:")!.lowerBound...]
        return
            "version: 1\noffer:\n  \(offer)\ndefaults:\n  \(defaults.replacingOccurrences(of: "\n", with: "\n  "))\n\(destinations)"
    }

    static func verify(_ text: String, in directory: TemporaryDirectory, _ name: String) async throws -> (
        status: Int32, report: [String: Any]
    ) {
        let path = directory.path("\(name).yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let json = directory.path("\(name).json")
        let result = try await LeadCheckProcess.run([
            "verify", "--config", path, "--destination", "https", "--json", json, "--journal",
            directory.path("\(name).journal"),
        ])
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        return (result.status, report)
    }

    @Test func offerAndEveryDefaultsKeyChangeTheRun() async throws {
        let directory = try TemporaryDirectory()
        let written = directory.path("sandbox.yaml")
        let sandbox = try SandboxProcess(["--write-config", written], directory: directory)
        let base = "matrix: documented\nvariants: [typical]\nlocales: [en-US]\nseed: 5"
        let plain = try await Self.verify(try Self.config(written, defaults: base), in: directory, "plain")
        #expect(plain.status == 0)
        let leads = plain.report["leads"] as! [[String: Any]]
        #expect(leads.count == 6, "documented × typical × en-US")

        // matrix, variants, locales: the plan's size.
        for (key, value, count) in [
            ("matrix", "full", 20), ("variants", "[typical, partial]", 12), ("locales", "[en-US, de-DE]", 12),
        ] {
            let changed = base.replacingOccurrences(of: "\(key): ", with: "\(key): \(value) #")
            let run = try await Self.verify(try Self.config(written, defaults: changed), in: directory, key)
            #expect((run.report["leads"] as! [[String: Any]]).count == count, "\(key): \(value)")
        }
        // seed: the run id and every marker follow it.
        let again = try await Self.verify(try Self.config(written, defaults: base), in: directory, "again")
        let other = try await Self.verify(
            try Self.config(written, defaults: base.replacingOccurrences(of: "seed: 5", with: "seed: 6")),
            in: directory, "seed")
        #expect(
            plain.report["seed"] as? String == "5" && again.report["seed"] as? String == "5"
                && other.report["seed"] as? String == "6")
        // offer: reported, and carried in the lead source every destination stores.
        let offered = try await Self.verify(
            try Self.config(written, offer: "id: fabrikam.fabrikam-crm\n  title: Fabrikam CRM", defaults: base),
            in: directory, "offer")
        #expect((offered.report["offer"] as? [String: Any])?["id"] as? String == "fabrikam.fabrikam-crm")
        #expect((offered.report["offer"] as? [String: Any])?["title"] as? String == "Fabrikam CRM")
        #expect(offered.status == 0, "the stored lead source carries the new offer and compares equal")
        // cleanup: false keeps the test leads; true (above) removed them all.
        let before = (try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int])["https"] ?? -1
        #expect(before == 0)
        _ = try await Self.verify(try Self.config(written, defaults: base + "\ncleanup: false"), in: directory, "kept")
        let kept = (try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int])["https"] ?? -1
        #expect(kept == 6, "cleanup: false leaves the run's leads")
    }

    /// `defaults.connectTimeout` reaches libcurl: against a listener that never accepts, the
    /// connect gives up after the configured second (libcurl says after how long), not the
    /// default ten.
    @Test func connectTimeoutReachesTheTransport() async throws {
        let directory = try TemporaryDirectory()
        let blackhole = try BlackholeListener()
        let text =
            """
            version: 1\ndefaults:\n  variants: [typical]\n  locales: [en-US]\n  connectTimeout:\
             1s\ndestinations:\n  - name: hook\n    type: https\n    url: \(blackhole.url)/hook\n
            """
        let path = directory.path("c.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let json = directory.path("r.json")
        let result = try await LeadCheckProcess.run([
            "verify", "--config", path, "--journal", directory.path("j"), "--json", json,
        ])
        #expect(result.status == 3)
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        let finding = (report["findings"] as! [[String: Any]]).first { $0["code"] as? String == "connect.timeout" }
        let said = "\(finding?["message"] ?? "") \(finding?["evidence"] ?? "")"
        let waited = said.components(separatedBy: "after ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
        #expect(waited.map { (900...3000).contains($0) } == true, "libcurl waited \(waited ?? -1) ms: \(said)")
    }

    /// Marketo's `mode` and `leadSourceField` reach the wire: with the form missing its "Lead
    /// Source" field, Submit Form refuses every lead while Sync Leads (no form) stores them; and
    /// a lead-source field Marketo does not have is refused by name.
    @Test func marketoModeAndLeadSourceFieldChangeTheCall() async throws {
        let directory = try TemporaryDirectory()
        let written = directory.path("sandbox.yaml")
        let sandbox = try SandboxProcess(
            ["--write-config", written, "--fault", "marketo:missing-field=leadSource"], directory: directory)
        let text = try String(contentsOfFile: written, encoding: .utf8)
        func run(_ name: String, _ config: String) async throws -> (Int32, String) {
            let path = directory.path("\(name).yaml")
            try config.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try await LeadCheckProcess.run([
                "verify", "--config", path, "--destination", "marketo", "--variants", "typical", "--locales", "en-US",
                "--journal", directory.path("\(name).journal"),
            ])
            return (result.status, result.stdoutText)
        }
        let form = try await run("form", text)
        #expect(form.0 == 4 && form.1.contains("form.field-missing"), "\(form.1.suffix(300))")
        let sync = try await run("sync", text.replacingOccurrences(of: "mode: submit-form", with: "mode: sync"))
        #expect(sync.0 == 0, "\(sync.1.suffix(300))")
        let field = try await run(
            "field",
            text.replacingOccurrences(of: "mode: submit-form", with: "mode: sync")
                .replacingOccurrences(of: "leadSourceField: leadSource", with: "leadSourceField: leadSourceDetail"))
        #expect(field.0 == 4 && field.1.contains("leadSourceDetail"), "\(field.1.suffix(300))")
        withExtendedLifetime(sandbox) {}
    }
}

extension ConfigKeyTests {
    /// Azure Table's `table` and Dynamics' `leadSourceCode` reach the stores: with `cleanup: false`
    /// the run's entities are in the configured table (not MarketplaceLeads) and every Dynamics
    /// lead carries the configured lead source option value.
    @Test func azureTableNameAndDynamicsLeadSourceCodeReachTheStores() async throws {
        let directory = try TemporaryDirectory()
        let written = directory.path("sandbox.yaml")
        let sandbox = try SandboxProcess(["--write-config", written], directory: directory)
        var text = try String(contentsOfFile: written, encoding: .utf8)
        #expect(
            text.contains("table: MarketplaceLeads") && text.contains("leadSourceCode: 8"),
            "the sandbox config names both keys")
        text = text.replacingOccurrences(of: "table: MarketplaceLeads", with: "table: PartnerLeads")
            .replacingOccurrences(of: "leadSourceCode: 8", with: "leadSourceCode: 3")
            .replacingOccurrences(of: "cleanup: true ", with: "cleanup: false")
        let path = directory.path("keys.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for destination in ["azure-table", "dynamics"] {
            let result = try await LeadCheckProcess.run([
                "verify", "--config", path, "--destination", destination, "--variants", "typical", "--locales", "en-US",
                "--journal", directory.path("\(destination).journal"),
            ])
            #expect(result.status == 0, "\(destination): \(result.stdoutText.suffix(400)) \(result.stderr.suffix(400))")
        }
        let entities =
            try await sandbox.inspect("/leads?destination=azure-table&marker-prefix=LCTEST_") as! [[String: Any]]
        #expect(entities.count == 6)
        #expect(
            entities.allSatisfy { ($0["id"] as? String)?.split(separator: "/").dropFirst().first == "partnerleads" },
            "\(entities.map { $0["id"] ?? "" })")
        let leads = try await sandbox.inspect("/leads?destination=dynamics&marker-prefix=LCTEST_") as! [[String: Any]]
        #expect(leads.count == 6)
        for lead in leads {
            let record =
                try JSONSerialization.jsonObject(with: Data((lead["record"] as? String ?? "").utf8)) as? [String: Any]
            #expect(record?["leadsourcecode"] as? Int == 3, "\(lead["record"] ?? "")")
        }
    }
}
