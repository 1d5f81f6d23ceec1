import Foundation
import TestSupport
import Testing

/// `verify`, `send`, `cleanup` and `--partner-center` against the sandbox's Dynamics 365,
/// Marketo and Salesforce, with the real binary over real sockets: every fault gives its exit
/// code and finding code on the right destination and lead, with its hint.
@Suite(.serialized) struct CRMDestinationTests {
    /// Six leads (one per documented pair) keep each run to a few seconds.
    static let quick = ["--variants", "typical", "--locales", "en-US", "--timeout", "4"]

    static func report(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    static func findings(_ path: String) throws -> [[String: Any]] {
        try report(path)["findings"] as! [[String: Any]]
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var fault: String
        var extra: [String] = []
        var exit: Int32
        var code: String
        /// Whether the finding is about a lead (delivery, read-back) rather than the preflight.
        var perLead: Bool
        /// Text the hint must carry.
        var hint: String
        var field: String?
        var testDescription: String { fault }
    }

    @Test(arguments: [
        Case(
            fault: "dynamics:missing-privilege", exit: 4, code: "permission.missing", perLead: true,
            hint: "field security profile with Create on the lead's leadsourcecode", field: "LeadSourceCode"),
        Case(fault: "dynamics:throttle", exit: 4, code: "throttled", perLead: false, hint: "Retry later"),
        Case(
            fault: "dynamics:truncate", extra: ["--variants", "limits"], exit: 4, code: "field.truncated",
            perLead: true, hint: "at most 2000", field: "Description"),
        Case(
            fault: "dynamics:mojibake", extra: ["--variants", "unicode"], exit: 4, code: "field.mangled", perLead: true,
            hint: "UTF-8"),
        Case(
            fault: "marketo:missing-field=title", exit: 4, code: "form.field-missing", perLead: true,
            hint: "Add 'title' to form 1179", field: "Title"),
        Case(fault: "marketo:throttle", exit: 4, code: "throttled", perLead: false, hint: "retry later"),
        // Marketo keeps 255 characters; the limits variant sits at the strictest destination's
        // limits, well under that, so nothing is cut.
        Case(fault: "marketo:truncate", extra: ["--variants", "limits"], exit: 0, code: "", perLead: true, hint: ""),
        Case(
            fault: "marketo:mojibake", extra: ["--variants", "unicode"], exit: 4, code: "field.mangled", perLead: true,
            hint: "UTF-8"),
        Case(fault: "salesforce:throttle", exit: 4, code: "quota.exceeded", perLead: false, hint: "API request limit"),
        Case(
            fault: "salesforce:restricted-picklist", exit: 4, code: "readback.missing", perLead: true,
            hint: "restricted or required picklist"),
        Case(
            fault: "salesforce:wrong-oid", exit: 4, code: "readback.missing", perLead: true,
            hint: "the org id (oid) is wrong"),
        Case(
            fault: "salesforce:daily-limit", exit: 4, code: "readback.missing", perLead: true,
            hint: "daily limit of 500"),
        Case(
            fault: "salesforce:truncate", extra: ["--variants", "limits"], exit: 4, code: "field.truncated",
            perLead: true, hint: "at most 40", field: "FirstName"),
        Case(
            fault: "salesforce:mojibake", extra: ["--variants", "unicode"], exit: 4, code: "field.mangled",
            perLead: true, hint: "UTF-8"),
    ])
    func faultsGiveTheirFindingOnTheRightDestinationAndLead(_ c: Case) async throws {
        let directory = try TemporaryDirectory()
        let json = directory.path("report.json")
        let destination = String(c.fault.prefix { $0 != ":" })
        let result = try await LeadCheckProcess.run(
            ["verify", "--sandbox", "--destination", destination, "--fault", c.fault, "--json", json] + Self.quick
                + c.extra)
        #expect(result.status == c.exit, "\(c.fault): \(result.stdoutText.suffix(800))")
        let findings = try Self.findings(json)
        guard !c.code.isEmpty else {
            #expect(findings.filter { $0["severity"] as? String == "error" }.isEmpty, "\(c.fault): \(findings)")
            return
        }
        let matching = findings.filter { $0["code"] as? String == c.code }
        #expect(!matching.isEmpty, "\(c.fault): \(findings.map { $0["code"] ?? "" })")
        for finding in matching {
            #expect(finding["destination"] as? String == destination)
            #expect(
                ((finding["lead"] as? String)?.hasPrefix("LCTEST_") ?? false) == c.perLead, "\(c.fault): \(finding)")
            #expect(!(finding["hint"] as? String ?? "").isEmpty)
        }
        // The finding the fault is about names its field and carries the fix.
        let named = matching.filter { c.field == nil || $0["field"] as? String == c.field }
        #expect(
            named.contains { "\($0["message"] ?? "") \($0["hint"] ?? "")".contains(c.hint) },
            "\(c.fault): \(named.map { "\($0["field"] ?? "-") \($0["message"] ?? "") \($0["hint"] ?? "")" })")
        #expect(result.stdoutText.contains("fix: "))
    }

    @Test(arguments: [
        "dynamics:token-expired", "marketo:token-expired", "dynamics:throttle=1", "marketo:throttle=3",
        "salesforce:token-expired",
    ])
    func transientTroubleIsRidOutWithinTheBudget(_ fault: String) async throws {
        let destination = String(fault.prefix { $0 != ":" })
        let result = try await LeadCheckProcess.run(
            ["verify", "--sandbox", "--destination", destination, "--fault", fault] + Self.quick)
        #expect(
            result.status == 0,
            "\(fault): an expired token is renewed once and Retry-After is honoured: \(result.stdoutText.suffix(600))")
    }

    @Test func overLimitValuesAreWarnedBeforeSending() async throws {
        let directory = try TemporaryDirectory()
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run([
            "verify", "--sandbox", "--destination", "salesforce", "--json", json, "--variants", "limits", "--locales",
            "en-US", "--matrix", "documented",
        ])
        let warnings = try Self.findings(json).filter { $0["code"] as? String == "field.over-limit" }
        #expect(
            warnings.contains {
                $0["field"] as? String == "FirstName" && ($0["message"] as? String ?? "").contains("at most 40")
            }, "\(warnings)")
        #expect(warnings.allSatisfy { $0["severity"] as? String == "warning" })
        // One over the limit creates nothing at Web-to-Lead: those leads are missing, the rest pass.
        #expect(result.status == 4)
    }

    /// Credentials Partner Center would reject: a wrong secret, tenant or application.
    @Test func wrongCredentialsAreAuthRejectedWithTheFix() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        let original = try String(contentsOfFile: config, encoding: .utf8)
        let dynamics = sandbox.endpoints["dynamics"] as! [String: Any]
        let marketo = sandbox.endpoints["marketo"] as! [String: Any]
        let salesforce = sandbox.endpoints["salesforce"] as! [String: Any]
        let cases: [(destination: String, replace: String, with: String, hint: String)] = [
            (
                "dynamics", "clientSecret: \"\(dynamics["clientSecret"]!)\"", "clientSecret: \"not-the-secret\"",
                "AADSTS7000215"
            ),
            // The tenant is in the token URL too, as Entra's real endpoint has it.
            ("dynamics", "\(dynamics["tenantId"]!)", "00000000-0000-0000-0000-000000000000", "Directory ID"),
            (
                "dynamics", "clientId: \"\(dynamics["clientId"]!)\"",
                "clientId: \"11111111-2222-3333-4444-555555555555\"", "Application (client) ID"
            ),
            (
                "marketo", "clientSecret: \"\(marketo["clientSecret"]!)\"", "clientSecret: \"not-the-secret\"",
                "LaunchPoint"
            ),
            (
                "salesforce", "clientSecret: \"\(salesforce["clientSecret"]!)\"", "clientSecret: \"not-the-secret\"",
                "consumer key"
            ),
        ]
        for c in cases {
            #expect(original.contains(c.replace), "\(c.replace)")
            let path = directory.path("wrong-\(UUID().uuidString).yaml")
            try original.replacingOccurrences(of: c.replace, with: c.with).write(
                toFile: path, atomically: true, encoding: .utf8)
            let json = directory.path("wrong.json")
            let result = try await LeadCheckProcess.run(
                ["verify", "--config", path, "--destination", c.destination, "--json", json] + Self.quick)
            #expect(result.status == 4, "\(c.destination): \(result.stdoutText.suffix(500))")
            let findings = try Self.findings(json)
            #expect(findings.count == 1, "one preflight finding, not one per lead: \(findings)")
            let finding = findings.first ?? [:]
            #expect(finding["code"] as? String == "auth.rejected" && finding["destination"] as? String == c.destination)
            #expect(
                "\(finding["message"] ?? "") \(finding["hint"] ?? "") \(finding["evidence"] ?? "")".contains(c.hint),
                "\(c.hint): \(finding)")
            #expect(!result.stdoutText.contains("not-the-secret"), "the wrong secret is masked too")
        }
    }

    @Test func office365SignInIsAcceptedButReportedUnsupported() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("o365.yaml")
        try """
        version: 1
        destinations:
          - name: crm
            type: dynamics
            instanceUrl: https://contoso.crm4.dynamics.com
            authentication: office365
            username: leads@contoso.com
            password: ${O365_PASSWORD}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(
            ["verify", "--config", path] + Self.quick, environment: ["O365_PASSWORD": "o365-password-canary"])
        #expect(result.status == 4)
        #expect(result.stdoutText.contains("config.unsupported"))
        #expect(result.stdoutText.contains("Azure Active Directory"))
        #expect(!result.stdoutText.contains("o365-password-canary"))
    }

    /// One Partner Center document per destination type, verified against the sandbox with
    /// read-back credentials from its config.
    @Test func partnerCenterDocumentsVerifyExactlyTheirDestination() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        let d = sandbox.endpoints["dynamics"] as! [String: Any]
        let m = sandbox.endpoints["marketo"] as! [String: Any]
        let s = sandbox.endpoints["salesforce"] as! [String: Any]
        let documents: [(kind: String, json: String)] = [
            (
                "https",
                #"{"leadDestination":"httpsEndpoint","httpsEndpointLeadConfiguration":{"httpsEndpointUrl":"\#(sandbox.httpsURL)"}}"#
            ),
            (
                "azure-table",
                #"{"leadDestination":"table","tableLeadConfiguration":{"storageAccountConnectionString":"\#(sandbox.azureTable["connectionString"]!)"}}"#
            ),
            (
                "dynamics",
                #"""
                {"leadDestination":"dynamics","dynamicsLeadConfiguration":{"instanceUrl":"\#
                \#(d["instanceUrl"]!)","authentication":"azureAD","applicationId":"\#(d["clientId"]!)","applic\#
                ationKey":"\#(d["clientSecret"]!)","directoryId":"\#(d["tenantId"]!)"}}
                """#
            ),
            (
                "marketo",
                #"{"leadDestination":"marketo","marketoLeadConfiguration":{"munchkinId":"\#(m["munchkinId"]!)","formId":\#(m["formId"]!)}}"#
            ),
            (
                "salesforce",
                #"{"leadDestination":"salesforce","salesforceLeadConfiguration":{"objectIdentifier":"\#(s["orgId"]!)"}}"#
            ),
        ]
        for document in documents {
            let path = directory.path("pc-\(document.kind).json")
            try document.json.write(toFile: path, atomically: true, encoding: .utf8)
            let json = directory.path("pc-\(document.kind)-report.json")
            let result = try await LeadCheckProcess.run(
                ["verify", "--partner-center", path, "--config", config, "--json", json] + Self.quick)
            #expect(result.status == 0, "\(document.kind): \(result.stdoutText.suffix(500)) \(result.stderr)")
            let destinations = try Self.report(json)["destinations"] as! [[String: Any]]
            #expect(
                destinations.count == 1 && destinations[0]["kind"] as? String == document.kind
                    && destinations[0]["name"] as? String == "partner-center")
        }
        // Partner Center's own org id wins over the config's: a wrong one is found.
        let wrong = directory.path("pc-wrong.json")
        try #"{"leadDestination":"salesforce","salesforceLeadConfiguration":{"objectIdentifier":"00D000000000BAD"}}"#
            .write(toFile: wrong, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(
            ["verify", "--partner-center", wrong, "--config", config] + Self.quick)
        #expect(result.status == 4 && result.stdoutText.contains("readback.missing"))
    }

    @Test func sendDeliversToEveryKindAndCleanupRemovesThem() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        for kind in ["dynamics", "marketo", "salesforce"] {
            let result = try await LeadCheckProcess.run(
                ["send", "--config", config, "--destination", kind, "--count", "4", "--seed", "5"],
                workingDirectory: directory.url)
            #expect(result.status == 0, "\(kind): \(result.stdoutText) \(result.stderr)")
            #expect(result.stdoutText.contains("accepted: 4"))
            #expect(try await sandbox.count(kind) == 4, "\(kind)")
            let journal = try #require(
                result.stdoutText.components(separatedBy: "--journal ").last?.trimmingCharacters(
                    in: .whitespacesAndNewlines))
            let cleanup = try await LeadCheckProcess.run(
                ["cleanup", "--config", config, "--journal", journal], workingDirectory: directory.url)
            #expect(cleanup.status == 0, "\(kind): \(cleanup.stdoutText)")
            #expect(try await sandbox.count(kind) == 0, "\(kind): cleanup --journal removed what send delivered")
        }
        let refused = try await LeadCheckProcess.run([
            "send", "--config", config, "--destination", "marketo", "--count", "1", "--fault-free-typo",
        ])
        #expect(refused.status == 1)
    }

    /// Canary client secrets of all three, and canary access tokens echoed back by a hostile
    /// server, never appear in stdout, stderr, the JSON or JUnit report or the journal.
    @Test func canarySecretsAndTokensNeverAppear() async throws {
        let directory = try TemporaryDirectory()
        let secrets = [
            "CANARY_DYN": "CANARYdynSecret-0001", "CANARY_MKTO": "CANARYmktoSecret-0002",
            "CANARY_SF": "CANARYsfSecret-0003",
        ]
        let sandbox = try SandboxProcess(
            [
                "--client-secret", "dynamics=CANARY_DYN", "--client-secret", "marketo=CANARY_MKTO", "--client-secret",
                "salesforce=CANARY_SF",
            ],
            directory: directory, environment: secrets)
        let server = try RawServer()
        let tokens = ["CANARYTOKENdyn77", "CANARYTOKENmkto77", "CANARYTOKENsf77"]
        server.script(
            "/dyn/token", status: 200,
            body: #"{"token_type":"Bearer","expires_in":3599,"access_token":"\#(tokens[0])"}"#)
        server.script(
            "/dyn/api/", status: 400,
            body: #"{"error":{"code":"0x1","message":"token \#(tokens[0]) is not for this org"}}"#)
        server.script(
            "/mkto/identity/", status: 200,
            body: #"{"access_token":"\#(tokens[1])","token_type":"bearer","expires_in":3599}"#)
        server.script(
            "/mkto/rest/", status: 200,
            body: #"{"requestId":"1","success":false,"errors":[{"code":"610","message":"\#(tokens[1]) not found"}]}"#)
        server.script(
            "/sf/services/oauth2/token", status: 200,
            body: #"{"access_token":"\#(tokens[2])","instance_url":"\#(server.url)/sf","token_type":"Bearer"}"#)
        server.script(
            "/sf/services/data/", status: 400,
            body: #"[{"message":"bad session \#(tokens[2])","errorCode":"MALFORMED_QUERY"}]"#)
        let config = directory.path("canary.yaml")
        func write(hostile: Bool) throws {
            try """
            version: 1
            defaults:
              variants: [typical, hostile]
              locales: [en-US]
            destinations:

            """.appending(
                sandbox.crmDestinationsYAML(
                    dynamicsBase: hostile ? "\(server.url)/dyn" : nil,
                    marketoBase: hostile ? "\(server.url)/mkto" : nil,
                    salesforceBase: hostile ? "\(server.url)/sf" : nil)
            )
            .write(toFile: config, atomically: true, encoding: .utf8)
        }
        let runs: [(label: String, hostile: Bool, suffix: String, exit: Int32)] = [
            ("pass", false, "", 0), ("wrong", false, "X", 4), ("echo", true, "", 4),
        ]
        for run in runs {
            try write(hostile: run.hostile)
            let json = directory.path("\(run.label).json")
            let junit = directory.path("\(run.label).xml")
            let journal = directory.path("\(run.label).journal")
            let environment = [
                "DYN_SECRET": secrets["CANARY_DYN"]! + run.suffix, "MKTO_SECRET": secrets["CANARY_MKTO"]! + run.suffix,
                "SF_SECRET": secrets["CANARY_SF"]! + run.suffix,
            ]
            let result = try await LeadCheckProcess.run(
                [
                    "verify", "--config", config, "--json", json, "--junit", junit, "--journal", journal, "--timeout",
                    "4",
                ], environment: environment)
            #expect(result.status == run.exit, "\(run.label): \(result.stdoutText.suffix(800))")
            let everything = result.everything(reading: [json, junit, journal])
            if run.label == "echo" {
                #expect(everything.contains("is not for this org"), "the hostile server's errors are reported")
            }
            for value in Array(secrets.values) + tokens {
                for form in [
                    value, Data(value.utf8).base64EncodedString(),
                    value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                ] {
                    #expect(!everything.contains(form), "\(run.label): \(form) leaked")
                }
            }
        }
    }
}
