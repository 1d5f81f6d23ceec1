import Foundation
import LeadDestinations
import LeadModel
import LeadTransport
import TestSupport
import Testing

/// A server that is not the sandbox replays the answers the real services give, as
/// docs/reference/ records them (each destination's file and flows.md); `verify` must name each
/// one with its real fix (issue 16).
@Suite(.serialized) struct RealAnswerReplayTests {
    struct Replay: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: String
        let answers: [(String, Answer)]
        let exit: Int32
        let code: String
        let words: String
        var testDescription: String { name }
    }

    /// One scripted answer: status, extra headers, JSON body.
    struct Answer: Sendable {
        let status: Int
        let headers: [(String, String)]
        let body: String
        init(_ status: Int, _ body: String, headers: [(String, String)] = []) {
            self.status = status
            self.body = body
            self.headers = headers
        }
        var bytes: [UInt8] {
            var text =
                "HTTP/1.1 \(status) Replayed\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
            for (name, value) in headers { text += "\(name): \(value)\r\n" }
            return Array((text + "\r\n" + body).utf8)
        }
    }

    static func date(offset: Int64 = 0) -> (String, String) {
        ("Date", LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) + offset).rfc1123)
    }

    static let tableAuth =
        #"""
        {"odata.error":{"code":"AuthenticationFailed","message":{"lang":"en-US","value":"Server failed to\#
         authenticate the request. Make sure the value of Authorization header is formed correctly including\#
         the signature.\nRequestId:3c7a0f6e-0002-0031-2b5e-5a1c2d000000\nTime:2026-12-01T10:00:00.0000000Z"}}}
        """#
    static let token =
        #"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.replayed.token"}"#
    static func entra(_ status: Int, _ error: String, _ code: Int, _ description: String) -> Answer {
        Answer(
            status,
            #"""
            {"error":"\#(error)","error_description":"AADSTS\#(code): \#(description)\r\nTrace ID:\#
             0f1e2d3c-aaaa-bbbb-cccc-000000000000\r\nCorrelation ID:\#
             11111111-2222-3333-4444-555555555555\r\nTimestamp: 2026-12-01\#
             10:00:00Z","error_codes":[\#(code)],"timestamp":"2026-12-01\#
             10:00:00Z","trace_id":"0f1e2d3c-aaaa-bbbb-cccc-000000000000","correlation_id":"11111111-2222-3333\#
            -4444-555555555555","error_uri":"https://login.microsoftonline.com/error?code=\#(code)"}
            """#
        )
    }
    static func dataverse(_ status: Int, _ code: String, _ message: String) -> Answer {
        Answer(status, #"{"error":{"code":"\#(code)","message":"\#(message)"}}"#)
    }
    static let signedIn: [(String, Answer)] = [
        ("POST /72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2", Answer(200, token)),
        ("GET /api/data/v9.2/WhoAmI", Answer(200, #"{"BusinessUnitId":"b","UserId":"u","OrganizationId":"o"}"#)),
    ]

    static let replays: [Replay] = [
        // docs/reference/azure-table.md §8: the code is in the body only; skew is read from Date.
        Replay(
            name: "table: AuthenticationFailed, clock an hour off", kind: "azure-table",
            answers: [("POST /acct/Tables", Answer(403, tableAuth, headers: [date(offset: 3600)]))], exit: 4,
            code: "clock.skew", words: "Sync this machine's clock"),
        Replay(
            name: "table: AuthenticationFailed, clock right", kind: "azure-table",
            answers: [("POST /acct/Tables", Answer(403, tableAuth, headers: [date()]))], exit: 4, code: "auth.rejected",
            words: "AccountKey"),
        Replay(
            name: "table: AuthorizationFailure (firewall)", kind: "azure-table",
            answers: [
                (
                    "POST /acct/Tables",
                    Answer(
                        403,
                        #"""
                        {"odata.error":{"code":"AuthorizationFailure","message":{"lang":"en-US","value":"This\#
                         request is not authorized to perform this operation.\nRequestId:x\nTime:y"}}}
                        """#,
                        headers: [date()])
                )
            ],
            exit: 4, code: "access.blocked", words: "Enabled from all networks"),
        Replay(
            name: "table: KeyBasedAuthenticationNotPermitted", kind: "azure-table",
            answers: [
                (
                    "POST /acct/Tables",
                    Answer(
                        403,
                        #"""
                        {"odata.error":{"code":"KeyBasedAuthenticationNotPermitted","message":{"lang":"en-US",\#
                        "value":"Key based authentication is not permitted on this storage\#
                         account.\nRequestId:x\nTime:y"}}}
                        """#,
                        headers: [date()])
                )
            ],
            exit: 4, code: "access.blocked", words: "Allow storage account key access"),
        // docs/reference/dynamics.md §5: Entra by error_codes.
        Replay(
            name: "entra: AADSTS7000215", kind: "dynamics",
            answers: [
                (
                    "POST /72f988bf",
                    entra(
                        401, "invalid_client", 7_000_215,
                        """
                        Invalid client secret provided. Ensure the secret being sent in the request is the\
                         client secret value, not the client secret ID, for a secret added to app 'x'.
                        """
                    )
                )
            ],
            exit: 4, code: "auth.rejected", words: "Value, not its Secret ID"),
        Replay(
            name: "entra: AADSTS7000222", kind: "dynamics",
            answers: [
                (
                    "POST /72f988bf",
                    entra(401, "invalid_client", 7_000_222, "The provided client secret keys for app 'x' are expired.")
                )
            ],
            exit: 4, code: "auth.rejected", words: "expired"),
        Replay(
            name: "entra: AADSTS700016", kind: "dynamics",
            answers: [
                (
                    "POST /72f988bf",
                    entra(
                        400, "unauthorized_client", 700_016,
                        "Application with identifier 'x' was not found in the directory 'y'.")
                )
            ],
            exit: 4, code: "auth.rejected", words: "Application (client) ID"),
        Replay(
            name: "entra: AADSTS90002", kind: "dynamics",
            answers: [("POST /72f988bf", entra(400, "invalid_tenant", 90002, "Tenant 'x' not found."))],
            exit: 4, code: "auth.rejected", words: "Directory ID"),
        Replay(
            name: "entra: AADSTS500011", kind: "dynamics",
            answers: [
                (
                    "POST /72f988bf",
                    entra(
                        400, "invalid_resource", 500_011,
                        "The resource principal named https://contoso.crm.dynamics.com was not found in the tenant named x."
                    )
                )
            ],
            exit: 4, code: "auth.rejected", words: "instance URL"),
        // docs/reference/dynamics.md §5: Dataverse by error.code.
        Replay(
            name: "dataverse: 0x80072560 no application user", kind: "dynamics",
            answers: [
                signedIn[0],
                (
                    "GET /api/data/v9.2/WhoAmI",
                    dataverse(403, "0x80072560", "The user is not a member of the organization.")
                ),
            ],
            exit: 4, code: "permission.missing", words: "Create an Application User"),
        Replay(
            name: "dataverse: 0x8004F502 secured column", kind: "dynamics",
            answers: signedIn + [
                (
                    "POST /api/data/v9.2/leads",
                    dataverse(
                        403, "0x8004F502",
                        "The user does not have create permissions to a secured field. The requested operation could not be completed."
                    )
                )
            ],
            exit: 4, code: "permission.missing", words: "field security profile"),
        Replay(
            name: "dataverse: 0x80040220 prvCreateLead", kind: "dynamics",
            answers: signedIn + [
                (
                    "POST /api/data/v9.2/leads",
                    dataverse(
                        403, "0x80040220",
                        """
                        Principal user (Id=1, type=8, roleCount=1, privilegeCount=3, accessMode=4), is\
                         missing prvCreateLead privilege (Id=2) on OTC=4 for entity 'lead'.
                        """
                    )
                )
            ],
            exit: 4, code: "permission.missing", words: "Lead Writer role"),
        Replay(
            name: "dataverse: 0x80044331 too long", kind: "dynamics",
            answers: signedIn + [
                (
                    "POST /api/data/v9.2/leads",
                    dataverse(
                        400, "0x80044331",
                        "A validation error occurred.  The length of the 'subject' attribute of the 'lead' entity exceeded the maximum allowed length of '300'."
                    )
                )
            ],
            exit: 4, code: "deliver.rejected", words: "subject holds 300"),
        Replay(
            name: "dataverse: 0x8004431a option out of range", kind: "dynamics",
            answers: signedIn + [
                (
                    "POST /api/data/v9.2/leads",
                    dataverse(
                        400, "0x8004431a",
                        """
                        A validation error occurred. The value 8 of 'leadsourcecode' on record of type 'lead'\
                         is outside the valid range. Accepted Values: 1,2,3
                        """
                    )
                )
            ],
            exit: 4, code: "deliver.rejected", words: "leadSourceCode"),
        // docs/reference/marketo.md §3: Marketo's identity endpoint.
        Replay(
            name: "marketo: invalid_client", kind: "marketo",
            answers: [
                (
                    "GET /identity",
                    Answer(401, #"{"error":"invalid_client","error_description":"Bad client credentials"}"#)
                ),
                (
                    "POST /identity",
                    Answer(401, #"{"error":"invalid_client","error_description":"Bad client credentials"}"#)
                ),
            ],
            exit: 4, code: "auth.rejected", words: "LaunchPoint"),
        // docs/reference/salesforce.md §5: Salesforce OAuth.
        Replay(
            name: "salesforce: no client credentials user", kind: "salesforce",
            answers: [
                (
                    "POST /services/oauth2/token",
                    Answer(400, #"{"error":"invalid_grant","error_description":"no client credentials user enabled"}"#)
                )
            ],
            exit: 4, code: "auth.rejected", words: "Run As user"),
        Replay(
            name: "salesforce: invalid_client", kind: "salesforce",
            answers: [
                (
                    "POST /services/oauth2/token",
                    Answer(400, #"{"error":"invalid_client","error_description":"invalid client credentials"}"#)
                )
            ],
            exit: 4, code: "auth.rejected", words: "consumer key"),
        // docs/reference/flows.md §1–§2: the trigger's answers.
        Replay(
            name: "trigger: SAS signature missing", kind: "https",
            answers: [
                (
                    "POST /workflows",
                    dataverse(
                        401, "DirectApiAuthorizationRequired",
                        "The request must be authenticated only by Shared Access scheme.")
                )
            ],
            exit: 4, code: "http.status", words: "sp, sv and sig"),
        Replay(
            name: "trigger: tenant users only", kind: "https",
            answers: [
                (
                    "POST /workflows",
                    dataverse(
                        401, "DirectApiAuthorizationRequired",
                        "The request must be authenticated only by OAuth authorization scheme.")
                )
            ],
            exit: 4, code: "access.blocked", words: "Who can trigger the flow"),
        Replay(
            name: "trigger: MisMatchingOAuthClaims", kind: "https",
            answers: [
                (
                    "POST /workflows",
                    dataverse(
                        403, "MisMatchingOAuthClaims",
                        "One or more claims either missing or does not match with the open authentication access control policy."
                    )
                )
            ],
            exit: 4, code: "access.blocked", words: "Anyone"),
        Replay(
            name: "trigger: Schema Validation", kind: "https",
            answers: [
                (
                    "POST /workflows",
                    dataverse(
                        400, "TriggerInputSchemaMismatch",
                        """
                        The input body for trigger 'manual' of type 'Request' did not match its schema\
                         definition. Error details: 'Required properties are missing from object:\
                         UserDetails.'.
                        """
                    )
                )
            ],
            exit: 4, code: "deliver.rejected", words: "turn Schema Validation off"),
        Replay(
            name: "trigger: Response action skipped (502)", kind: "https",
            answers: [
                (
                    "POST /workflows",
                    dataverse(502, "NoResponse", "The server did not receive a response from an upstream server.")
                )
            ],
            exit: 4, code: "http.status", words: "Response action"),
        // docs/reference/flows.md §5 [SPEC] WorkflowRunsGet.json and WorkflowRunActionsList.json, their status
        // set to Failed with the run-level error a failed run carries ([3P]) and an action's
        // InvalidTemplate error (docs/reference/flows.md §3 [DOC] wording).
        Replay(
            name: "run: a Logic Apps run that failed", kind: "https-logic-app",
            answers: [
                ("POST /workflows", Answer(202, "", headers: [("x-ms-workflow-run-id", specRun)])),
                ("POST /72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2", Answer(200, token)),
                ("GET \(specWorkflow)/runs/\(specRun)", Answer(200, specRunFailed)),
                ("GET \(specWorkflow)/runs/\(specRun)/actions", Answer(200, specActionsFailed)),
            ],
            exit: 4, code: "flow.run-failed",
            words:
                "action 'HTTP' failed with InvalidTemplate: Unable to process template language expressions in action 'HTTP'"
        ),
        Replay(
            name: "run: a Logic Apps run still running at the timeout", kind: "https-logic-app",
            answers: [
                ("POST /workflows", Answer(202, "", headers: [("x-ms-workflow-run-id", specRun)])),
                ("POST /72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2", Answer(200, token)),
                (
                    "GET \(specWorkflow)/runs/\(specRun)",
                    Answer(
                        200,
                        specRunFailed.replacingOccurrences(
                            of:
                                #"""
                                "status":"Failed","code":"ActionFailed","error":{"code":"ActionFailed","messag\#
                                e":"An action failed. No dependent actions succeeded."},
                                """#,
                            with: #""status":"Running","#))
                ),
            ],
            exit: 4, code: "flow.run-unfinished", words: "was still Running after leadcheck followed it"),
        // No x-ms-workflow-run-id (SuppressWorkflowHeadersOnResponse): looked up by client
        // tracking id, and the runs list stays empty.
        Replay(
            name: "run: no run has the lead's client tracking id", kind: "https-logic-app",
            answers: [
                ("POST /workflows", Answer(202, "")),
                ("POST /72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2", Answer(200, token)),
                ("GET \(specWorkflow)/runs", Answer(200, #"{"value":[]}"#)),
            ],
            exit: 4, code: "flow.run-missing", words: "client tracking id"),
        // docs/reference/flows.md §5 [DOC] flowrun.md's columns.
        Replay(
            name: "run: a Power Automate run that failed (Dataverse flowruns)", kind: "https-power-automate",
            answers: [
                ("POST /workflows", Answer(202, "", headers: [("x-ms-workflow-run-id", specRun)])),
                ("POST /72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2", Answer(200, token)),
                (
                    "GET /api/data/v9.2/flowruns",
                    Answer(
                        200,
                        #"""
                        {"@odata.context":"https://org.crm.dynamics.com/api/data/v9.2/$metadata#flowruns(name,\#
                        status,errorcode,errormessage,clienttrackingid)","value":[{"name":"\#(specRun)","statu\#
                        s":"Failed","errorcode":"InvalidTemplate","errormessage":"Unable to process template\#
                         language expressions in action 'Compose' inputs at line '0' and column '0': 'The\#
                         template language expression 'triggerBody()['userDetails']['phone']' cannot be\#
                         evaluated because property 'phone' doesn't exist, available properties are\#
                         'firstName, lastName, email'.'.","clienttrackingid":"\#(specRun)"}]}
                        """#
                    )
                ),
            ],
            exit: 4, code: "flow.run-failed", words: "action 'Compose' failed with InvalidTemplate"),
    ]

    static let specRun = "08586676746934337772206998657CU22"
    static let specWorkflow =
        "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/test-resource-group/providers/Microsoft.Logic/workflows/test-workflow"
    static let specRunFailed =
        #"""
        {"properties":{"waitEndTime":"2018-08-10T20:16:32.044238Z","startTime":"2018-08-10T20:16:32.044238Z","\#
        endTime":"2018-08-10T20:16:32.5779999Z","status":"Failed","code":"ActionFailed","error":{"code":"Actio\#
        nFailed","message":"An action failed. No dependent actions\#
         succeeded."},"correlation":{"clientTrackingId":"08586676746934337772206998657CU22"},"workflow":{"id":\#
        "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/test-resource-group/providers/Micr\#
        osoft.Logic/workflows/test-workflow/versions/08586676754160363885","name":"08586676754160363885","type\#
        ":"Microsoft.Logic/workflows/versions"},"trigger":{"name":"manual","startTime":"2018-08-10T20:16:32.03\#
        87927Z","endTime":"2018-08-10T20:16:32.0387927Z","correlation":{"clientTrackingId":"085866767469343377\#
        72206998657CU22"},"code":"OK","status":"Succeeded"},"outputs":{}},"id":"/subscriptions/34adfa4f-cedf-4\#
        dc0-ba29-b6d1a69ab345/resourceGroups/test-resource-group/providers/Microsoft.Logic/workflows/test-work\#
        flow/runs/08586676746934337772206998657CU22","name":"08586676746934337772206998657CU22","type":"Micros\#
        oft.Logic/workflows/runs"}
        """#
    static let specActionsFailed =
        #"""
        {"value":[{"properties":{"inputsLink":{"uri":"https://tempuri.org","contentVersion":"5XUACojv0aBfuP56o\#
        s3CWw==","contentSize":46,"contentHash":{"algorithm":"md5","value":"XXUACojv0aBfuP56os3CWw=="}},"start\#
        Time":"2018-08-10T20:16:32.305236Z","endTime":"2018-08-10T20:16:32.5450625Z","correlation":{"actionTra\#
        ckingId":"56063357-45dd-4278-9be5-8220ce0cc9ca","clientTrackingId":"08586676746934337772206998657CU22"\#
        },"status":"Failed","code":"BadRequest","error":{"code":"InvalidTemplate","message":"Unable to\#
         process template language expressions in action 'HTTP' inputs at line '0' and column '0': 'The\#
         template language expression 'triggerBody()['userDetails']['phone']' cannot be evaluated because\#
         property 'phone' doesn't exist, available properties are 'firstName, lastName,\#
         email'.'."}},"id":"/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/test-resource-g\#
        roup/providers/Microsoft.Logic/workflows/test-workflow/runs/08586676746934337772206998657CU22/actions/\#
        HTTP","name":"HTTP","type":"Microsoft.Logic/workflows/runs/actions"}]}
        """#

    static func yaml(_ kind: String, base: String) -> String {
        let destination: String
        switch kind {
        case "azure-table":
            destination = """
                    type: azure-table
                    connectionString: "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5a2V5a2V5a2V5;TableEndpoint=\(base)/acct;"
                """
        case "dynamics":
            destination = """
                    type: dynamics
                    instanceUrl: \(base)
                    tokenUrl: \(base)/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token
                    tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47"
                    clientId: "23456052-aaaa-bbbb-8662-1234df56788f"
                    clientSecret: replayed-secret
                """
        case "marketo":
            destination = """
                    type: marketo
                    baseUrl: \(base)
                    munchkinId: "123-ABC-456"
                    formId: 1001
                    clientId: "client"
                    clientSecret: replayed-secret
                """
        case "salesforce":
            destination = """
                    type: salesforce
                    orgId: "00D000000000001"
                    webToLeadUrl: "\(base)/servlet/servlet.WebToLead?encoding=UTF-8"
                    instanceUrl: \(base)
                    tokenUrl: \(base)/services/oauth2/token
                    clientId: "client"
                    clientSecret: replayed-secret
                """
        case "https-logic-app", "https-power-automate":
            let service =
                kind == "https-logic-app"
                ? """
                logicApp: {subscriptionId: 34adfa4f-cedf-4dc0-ba29-b6d1a69ab345, resourceGroup:\
                 test-resource-group, workflow: test-workflow, managementUrl: \(base),
                """
                : "powerAutomate: {instanceUrl: \(base),"
            destination = """
                    type: https
                    url: \(base)/workflows/replayed/triggers/manual/paths/invoke?api-version=2016-06-01
                    readbackTimeout: 2s
                    run:
                      \(service) tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47, clientId: 23456052-aaaa-bbbb-8662-1234df56788f,
                        clientSecret: replayed-secret, tokenUrl: \(base)/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token}
                      runTimeout: 2s
                """
        default:
            destination = """
                    type: https
                    url: \(base)/workflows/replayed/triggers/manual/paths/invoke?api-version=2016-06-01
                """
        }
        return
            "version: 1\ndefaults:\n  variants: [typical]\n  locales: [en-US]\n  timeout: 5s\ndestinations:\n  - name: replayed\n"
            + destination + "\n"
    }

    @Test(arguments: replays)
    func eachCapturedAnswerGetsItsFinding(_ replay: Replay) async throws {
        let server = try RawServer()
        for (prefix, answer) in replay.answers { server.script(prefix, .raw(answer.bytes)) }
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        try Self.yaml(replay.kind, base: server.url).write(toFile: config, atomically: true, encoding: .utf8)
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(["verify", "--config", config, "--json", json], timeout: 60)
        #expect(
            result.status == replay.exit,
            "\(replay.name): \(result.stdoutText.suffix(800)) \(result.stderr.suffix(300))")
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let findings = report?["findings"] as? [[String: Any]] ?? []
        let matching = findings.filter { $0["code"] as? String == replay.code }
        #expect(!matching.isEmpty, "\(replay.name): \(findings.map { "\($0["code"] ?? "") \($0["message"] ?? "")" })")
        #expect(
            matching.allSatisfy { "\($0["message"] ?? "") \($0["hint"] ?? "")".contains(replay.words) },
            "\(replay.name): \(matching.map { $0["hint"] ?? "" })")
        #expect(!result.stdoutText.contains("replayed-secret"))
    }

    @Test func aTableThatAlreadyExistsPasses() async throws {
        // Microsoft creates MarketplaceLeads itself: the preflight's 409 TableAlreadyExists
        // (its code in the body only) is the normal case.
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        for _ in 0..<2 {
            let result = try await LeadCheckProcess.run([
                "verify", "--config", config, "--destination", "azure-table", "--variants", "typical", "--locales",
                "en-US",
            ])
            #expect(result.status == 0, "\(result.stdoutText.suffix(600))")
        }
        _ = sandbox
    }
}
