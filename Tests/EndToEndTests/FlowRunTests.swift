import Foundation
import TestSupport
import Testing

/// `verify` with `run:` against a sandbox running each example flow (issue 19): the verdict
/// names the refusal or the failed action and its message; a flow that succeeds passes; the
/// canary secrets (the trigger's `sig`, the reading app's client secret, the ARM tokens the
/// sandbox issues) appear in no output.
@Suite(.serialized) struct FlowRunTests {
    static let signature = "CANARYsigQ7x3Vb9"
    static let clientSecret = "CANARY-run-secret-4f1e9a"
    /// Every token the sandbox's Entra endpoint issues starts so.
    static let tokenPrefix = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9."

    struct Outcome {
        let result: LeadCheckProcess.Result
        let findings: [[String: Any]]
        let destinations: [[String: Any]]
        /// stdout, stderr, and every report and journal written.
        let everything: String

        func codes() -> Set<String> { Set(findings.compactMap { $0["code"] as? String }) }
    }

    static func fixture(_ name: String) -> String {
        LeadCheckProcess.repositoryRoot.appendingPathComponent("fixtures/flows/\(name)").path
    }

    /// Runs `verify` against a sandbox loaded with `flow`, reading runs through `service`.
    static func verify(
        flow: String, service: String = "logicApp", workflow: String = "sandbox",
        variants: String = "[typical, partial]",
        sandboxArguments: [String] = [], readerSecret: String = clientSecret
    ) async throws -> Outcome {
        let directory = try TemporaryDirectory()
        let sandbox = try SandboxProcess(
            ["--flow", flow, "--fault", "https:require-sig=\(signature)", "--client-secret", "dynamics=RUN_SECRET"]
                + sandboxArguments,
            directory: directory, environment: ["RUN_SECRET": clientSecret])
        let dynamics = sandbox.endpoints["dynamics"] as! [String: Any]
        let instance = dynamics["instanceUrl"] as! String
        let placement =
            service == "logicApp"
            ? "logicApp: {subscriptionId: 6f1f2a9e-0000-4000-8000-000000000001, resourceGroup: leads, workflow: \(workflow), managementUrl: \(instance),"
            : "powerAutomate: {instanceUrl: \(instance),"
        let config = directory.path("leadcheck.yaml")
        try """
        version: 1
        defaults:
          variants: \(variants)
          locales: [en-US]
        destinations:
          - name: flow
            type: https
            url: ${FLOW_URL}
            inspectionUrl: \(sandbox.inspectionURL)
            readbackTimeout: 3s
            run:
              \(placement) tenantId: \(dynamics["tenantId"] as! String), clientId: \(dynamics["clientId"] as! String),
                clientSecret: "${RUN_SECRET}", tokenUrl: \(dynamics["tokenUrl"] as! String)}
              runTimeout: 3s
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let reports = [
            "json": directory.path("report.json"), "junit": directory.path("report.xml"),
            "html": directory.path("report.html"),
        ]
        let journal = directory.path("run.journal")
        let url = "\(sandbox.httpsURL)&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=\(signature)"
        let result = try await LeadCheckProcess.run(
            [
                "verify", "--config", config, "--json", reports["json"]!, "--junit", reports["junit"]!, "--html",
                reports["html"]!, "--journal", journal,
            ],
            environment: ["FLOW_URL": url, "RUN_SECRET": readerSecret], timeout: 120)
        var everything = result.stdoutText + result.stderr
        for path in Array(reports.values) + [journal] {
            everything += (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reports["json"]!)))
            as! [String: Any]
        _ = sandbox
        return Outcome(
            result: result, findings: report["findings"] as? [[String: Any]] ?? [],
            destinations: report["destinations"] as? [[String: Any]] ?? [],
            everything: everything)
    }

    static func expectNoSecrets(_ outcome: Outcome) {
        for canary in [signature, clientSecret, tokenPrefix] {
            #expect(!outcome.everything.contains(canary), "\(canary) leaked")
        }
    }

    @Test func aRobustFlowPassesWithItsRunsRead() async throws {
        let outcome = try await Self.verify(flow: Self.fixture("robust.json"))
        #expect(outcome.result.status == 0, "\(outcome.result.stdoutText.suffix(2000))")
        #expect(outcome.codes().allSatisfy { !$0.hasPrefix("flow.run") }, "\(outcome.codes())")
        #expect(outcome.destinations.first?["followsRuns"] as? Bool == true)
        #expect(outcome.destinations.first?["readsBack"] as? Bool == true)
        Self.expectNoSecrets(outcome)
    }

    @Test func aParseJSONWithTheDocsSchemaFailsEveryRunAndVerifyNamesTheAction() async throws {
        let outcome = try await Self.verify(flow: Self.fixture("docs-parse-json.json"))
        #expect(outcome.result.status == 4)
        let failed = outcome.findings.filter { $0["code"] as? String == "flow.run-failed" }
        #expect(!failed.isEmpty, "\(outcome.codes())")
        for finding in failed {
            #expect(
                (finding["message"] as? String ?? "").contains(
                    "action 'Parse_JSON' failed with ValidationFailed: The schema validation failed."), "\(finding)")
            #expect(
                (finding["evidence"] as? String ?? "").contains(
                    "Required properties are missing from object: UserDetails, LeadSource, ActionCode, OfferTitle, Description."
                ), "\(finding)")
        }
        // Nothing was stored, so nothing is compared field by field.
        #expect(!outcome.codes().contains("field.missing"))
        Self.expectNoSecrets(outcome)
    }

    @Test func powerAutomateRunsAreReadFromDataverseFlowruns() async throws {
        let outcome = try await Self.verify(flow: Self.fixture("docs-parse-json.json"), service: "powerAutomate")
        #expect(outcome.result.status == 4)
        let failed = outcome.findings.filter { $0["code"] as? String == "flow.run-failed" }
        #expect(!failed.isEmpty, "\(outcome.codes())")
        #expect(
            failed.allSatisfy { ($0["message"] as? String ?? "").contains("ActionFailed: An action failed.") },
            "\(failed)")
        Self.expectNoSecrets(outcome)
    }

    @Test func schemaValidationAndATenantOnlyTriggerRefuseTheLead() async throws {
        let schema = try await Self.verify(flow: Self.fixture("docs-schema-validation.json"), variants: "[typical]")
        #expect(schema.result.status == 4)
        let rejected = schema.findings.filter { $0["code"] as? String == "deliver.rejected" }
        #expect(
            rejected.contains {
                ($0["message"] as? String ?? "").contains("Required properties are missing from object")
            }, "\(schema.findings)")
        let tenant = try await Self.verify(
            flow: Self.fixture("tenant-only-trigger.json"), workflow: "6d1b3c1e-7f43-4f57-9d0b-2f5c1a9e8b10",
            variants: "[typical]")
        #expect(tenant.result.status == 4)
        #expect(tenant.codes().contains("access.blocked"), "\(tenant.codes())")
        Self.expectNoSecrets(schema)
        Self.expectNoSecrets(tenant)
    }

    @Test func aReadWithoutQuestionMarkFailsLeadsThatLackTheField() async throws {
        let directory = try TemporaryDirectory()
        let flow = directory.path("strict-read.json")
        try #"""
        {"definition": {"triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"triggerAuthenticationType": "All"}}},
          "actions": {"Store_lead": {"type": "ApiConnection", "runAfter": {}, "inputs": {"host": {}, "method": "post", "body": {
            "Email": "@{triggerBody()?['userDetails']?['email']}", "Notes": "@{triggerBody()?['description']}",
            "Phone": "@{triggerBody()['userDetails']['phone']}"}}}}}}
        """#.write(toFile: flow, atomically: true, encoding: .utf8)
        let outcome = try await Self.verify(flow: flow, variants: "[typical, partial]")
        #expect(outcome.result.status == 4)
        let failed = outcome.findings.filter { $0["code"] as? String == "flow.run-failed" }
        #expect(!failed.isEmpty, "\(outcome.codes())")
        #expect(
            failed.allSatisfy {
                ($0["message"] as? String ?? "").contains(
                    "action 'Store_lead' failed with InvalidTemplate: Unable to process template language expressions in action 'Store_lead'"
                )
            }, "\(failed)")
        #expect(
            failed.allSatisfy { ($0["message"] as? String ?? "").contains("property 'phone' doesn't exist") },
            "\(failed)")
        Self.expectNoSecrets(outcome)
    }

    @Test func aWrongWorkflowNameSaysTheRunsCannotBeRead() async throws {
        let outcome = try await Self.verify(
            flow: Self.fixture("robust.json"), workflow: "not-this-one", variants: "[typical]")
        #expect(outcome.result.status == 4)
        let unreadable = outcome.findings.filter { $0["code"] as? String == "flow.run-unreadable" }
        #expect(!unreadable.isEmpty, "\(outcome.codes())")
        #expect(
            unreadable.allSatisfy {
                ($0["hint"] as? String ?? "").contains("subscriptionId, resourceGroup and workflow")
            })
    }

    @Test func aReadingAppThatCannotSignInIsNamedAsTheRunReader() async throws {
        let outcome = try await Self.verify(
            flow: Self.fixture("robust.json"), variants: "[typical]", readerSecret: "CANARY-wrong-run-secret")
        #expect(outcome.result.status == 4)
        let rejected = outcome.findings.filter { $0["code"] as? String == "auth.rejected" }
        #expect(!rejected.isEmpty, "\(outcome.codes())")
        #expect(
            rejected.allSatisfy {
                ($0["message"] as? String ?? "").hasPrefix(
                    "signing in to read the flow's runs (run.logicApp): Entra ID refused the client secret")
            }, "\(rejected)")
        #expect(rejected.allSatisfy { ($0["hint"] as? String ?? "").contains("Partner Center does not use it") })
        #expect(!outcome.everything.contains("CANARY-wrong-run-secret"))
        Self.expectNoSecrets(outcome)
    }

    @Test func theConfigTheSandboxWritesFollowsItsFlowsRuns() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(
            ["--flow", Self.fixture("docs-parse-json.json"), "--write-config", config], directory: directory)
        let result = try await LeadCheckProcess.run([
            "verify", "--config", config, "--destination", "https", "--variants", "typical", "--locales", "en-US",
            "--json", directory.path("report.json"),
        ])
        #expect(result.status == 4, "\(result.stdoutText.suffix(800)) \(result.stderr.suffix(300))")
        #expect(result.stdoutText.contains("flow.run-failed"))
        #expect(result.stdoutText.contains("action 'Parse_JSON' failed with ValidationFailed"))
        _ = sandbox
    }

    @Test func flowCheckExitsFourZeroOrTwo() async throws {
        for (name, status) in [
            ("docs-schema-validation.json", Int32(4)), ("tenant-only-trigger.json", 4), ("docs-parse-json.json", 4),
            ("robust.json", 0),
        ] {
            let result = try await LeadCheckProcess.run(["flow", "check", Self.fixture(name)])
            #expect(result.status == status, "\(name): \(result.stdoutText)")
        }
        let directory = try TemporaryDirectory()
        let other = directory.path("not-a-flow.json")
        try #"{"hello": "world"}"#.write(toFile: other, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(["flow", "check", other])
        #expect(result.status == 2)
        #expect(result.stderr.contains("definition"), "\(result.stderr)")
        // The sandbox reads it through the same unpacker and refuses it with the same words,
        // before it listens.
        let sandbox = try await LeadCheckProcess.run(["sandbox", "--flow", other], timeout: 20)
        #expect(sandbox.status == 2, "\(sandbox.stderr)")
        #expect(
            sandbox.stderr.contains(other) && sandbox.stderr.contains("no workflow definition"), "\(sandbox.stderr)")
        #expect(result.stderr.contains("no workflow definition"), "\(result.stderr)")
    }
}
