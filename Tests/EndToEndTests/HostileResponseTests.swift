import Foundation
import LeadModel
import LeadVerification
import TestSupport
import Testing

/// Every destination's parsers against a misbehaving server: HTML instead of JSON, truncated or
/// wrongly typed JSON, deep nesting, a 50 MiB body, a trickle, redirect loops and redirects to
/// another host, 204/1xx with a body, invalid UTF-8, absurd and folded headers, non-HTTP.
/// Each run must end by itself (no hang past the timeout), with exit 3 or 4, findings with
/// stable codes, and bounded memory.
/// Serialized: ten targets × fourteen answers of processes at once would starve the two-core
/// machine's other suites (and their timing checks).
@Suite(.serialized) struct HostileResponseTests {
    enum Answer: String, CaseIterable, Sendable {
        case html, truncatedJSON, wrongTypes, arrayInsteadOfObject, deepNesting, huge, trickle, redirectLoop,
            redirectElsewhere,
            noContentWithBody, informationalThenJSON, invalidUTF8, absurdHeaders, garbage

        func scripted(path: String) -> RawServer.Scripted {
            func response(_ status: String, _ headers: [String], _ body: [UInt8]) -> RawServer.Scripted {
                .raw(
                    Array(
                        "HTTP/1.1 \(status)\r\n\((headers + ["Content-Length: \(body.count)"]).joined(separator: "\r\n"))\r\n\r\n"
                            .utf8) + body)
            }
            let json = "Content-Type: application/json"
            switch self {
            case .html:
                return response(
                    "200 OK", ["Content-Type: text/html"], Array("<html><body><h1>Sign in</h1></body></html>".utf8))
            case .truncatedJSON:
                return response("200 OK", [json], Array(#"{"access_token":"abc","value":[{"leadid":"#.utf8))
            case .wrongTypes:
                return response(
                    "200 OK", [json],
                    Array(
                        #"""
                        {"access_token":123,"expires_in":"soon","value":{"a":1},"success":"true","result":"x",\#
                        "records":7,"error":{"code":5},"totalSize":"1"}
                        """#
                        .utf8))
            case .arrayInsteadOfObject: return response("200 OK", [json], Array("[1,2,3]".utf8))
            case .deepNesting:
                return response(
                    "200 OK", [json],
                    Array(String(repeating: "[", count: 100_000).utf8)
                        + Array(String(repeating: "]", count: 100_000).utf8))
            case .huge: return .route("/huge")
            case .trickle: return .route("/trickle")
            case .redirectLoop: return response("302 Found", ["Location: \(path)"], [])
            case .redirectElsewhere:
                return response("302 Found", ["Location: http://leads.attacker.invalid/collect"], [])
            case .noContentWithBody:
                return .raw(Array("HTTP/1.1 204 No Content\r\nContent-Length: 20\r\n\r\n{\"access_token\":\"x\"}".utf8))
            case .informationalThenJSON:
                return .raw(
                    Array(
                        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                            .utf8))
            case .invalidUTF8:
                return response(
                    "200 OK", [json],
                    Array(#"{"access_token":""#.utf8) + [0xFF, 0xFE, 0xC3] + Array(#"","value":[{"leadid":""#.utf8) + [
                        0xED, 0xA0, 0x80,
                    ] + Array(#""}]}"#.utf8))
            case .absurdHeaders:
                return response(
                    "429 Too Many Requests",
                    [
                        json, "Retry-After: 1e300", "X-Folded: a", "\tcontinued",
                        "X-Long: " + String(repeating: "x", count: 60_000),
                    ], Array("{}".utf8))
            case .garbage: return .route("/garbage")
            }
        }
    }

    /// A destination pointed at the server, and where each stage's hostile answer goes.
    struct Target: Sendable, CustomTestStringConvertible {
        var kind: String
        var stage: String
        var testDescription: String { "\(kind) \(stage)" }
    }

    static let targets = [
        Target(kind: "https", stage: "deliver"), Target(kind: "https", stage: "readback"),
        Target(kind: "https", stage: "run"),
        Target(kind: "azure-table", stage: "preflight"), Target(kind: "azure-table", stage: "readback"),
        Target(kind: "dynamics", stage: "token"), Target(kind: "dynamics", stage: "api"),
        Target(kind: "marketo", stage: "token"), Target(kind: "marketo", stage: "api"),
        Target(kind: "salesforce", stage: "token"), Target(kind: "salesforce", stage: "api"),
    ]

    /// The config and scripts for one target; the hostile answer goes to `hostile`.
    static func setUp(_ target: Target, _ answer: Answer, server: RawServer, directory: TemporaryDirectory) throws
        -> String
    {
        let base = server.url
        let ok = RawServer.Scripted.json(status: 200, body: "{}")
        var scripts: [String: RawServer.Scripted] = [:]
        var hostile = ""
        var destination = ""
        switch target.kind {
        case "https":
            destination =
                "type: https\n    url: \(base)/hook\n    inspectionUrl: \(base)/inspect\n    readbackTimeout: 300ms"
            scripts = ["HEAD /hook": ok, "POST /hook": .json(status: 202, body: ""), "DELETE /inspect": ok]
            hostile = target.stage == "deliver" ? "POST /hook" : "GET /inspect"
            if target.stage == "run" {
                // The flow's runs API (run:), behind a working sign-in.
                destination +=
                    """
                    \n    run:\n      logicApp: {subscriptionId: s, resourceGroup: g, workflow: w,\
                     managementUrl: \(base)/arm, tenantId: t, clientId: c, clientSecret: s3cret-value,\
                     tokenUrl: \(base)/run-token}\n      runTimeout: 2s
                    """
                scripts["POST /run-token"] = .json(status: 200, body: #"{"access_token":"tok","expires_in":3599}"#)
                scripts["GET /inspect"] = .json(status: 200, body: "[]")
                hostile = "GET /arm/"
            }
        case "azure-table":
            let key = Data("hostile-key".utf8).base64EncodedString()
            destination =
                "type: azure-table\n    connectionString: \"DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=\(key);TableEndpoint=\(base)/acct;\""
            scripts = [
                "POST /acct/Tables": .json(status: 204, body: ""),
                "POST /acct/MarketplaceLeads": .json(status: 204, body: ""),
                "DELETE /acct/": .json(status: 204, body: ""),
            ]
            hostile = target.stage == "preflight" ? "POST /acct/Tables" : "GET /acct/MarketplaceLeads("
        case "dynamics":
            destination =
                """
                type: dynamics\n    instanceUrl: \(base)/dyn\n    tokenUrl: \(base)/dyn-token\n    tenantId:\
                 t\n    clientId: c\n    clientSecret: s3cret-value
                """
            scripts = ["POST /dyn-token": .json(status: 200, body: #"{"access_token":"tok","expires_in":3599}"#)]
            hostile = target.stage == "token" ? "POST /dyn-token" : "GET /dyn/api/"
        case "marketo":
            destination =
                "type: marketo\n    baseUrl: \(base)/mkto\n    munchkinId: 123-ABC-456\n    formId: 1\n    clientId: c\n    clientSecret: s3cret-value"
            scripts = [
                "POST /mkto/identity/": .json(status: 200, body: #"{"access_token":"tok:ab","expires_in":3599}"#)
            ]
            hostile = target.stage == "token" ? "POST /mkto/identity/" : "GET /mkto/rest/"
        default:
            destination =
                """
                type: salesforce\n    orgId: 00D000000000001\n    webToLeadUrl: \(base)/sf/servlet\n\
                    instanceUrl: \(base)/sf\n    clientId: c\n    clientSecret: s3cret-value\n\
                    readbackTimeout: 300ms
                """
            scripts = [
                "POST /sf/services/oauth2/token": .json(
                    status: 200, body: #"{"access_token":"tok","instance_url":"\#(base)/sf"}"#), "POST /sf/servlet": ok,
            ]
            hostile = target.stage == "token" ? "POST /sf/services/oauth2/token" : "GET /sf/services/data/"
        }
        server.clearScripts()
        for (prefix, answer) in scripts { server.script(prefix, answer) }
        server.script(hostile, answer.scripted(path: String(hostile.split(separator: " ")[1])))
        let config = directory.path("hostile-\(target.kind)-\(target.stage)-\(answer.rawValue).yaml")
        try
            "version: 1\ndefaults:\n  variants: [typical]\n  locales: [en-US]\n  matrix: documented\ndestinations:\n  - name: target\n    \(destination)\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    @Test(arguments: targets)
    func everyParserSurvivesEveryHostileAnswer(_ target: Target) async throws {
        let directory = try TemporaryDirectory()
        let server = try RawServer()
        let known = Set(FindingCode.allCases.map(\.rawValue))
        for answer in Answer.allCases {
            let config = try Self.setUp(target, answer, server: server, directory: directory)
            let json = directory.path("\(answer.rawValue).json")
            // A run that hangs past the timeouts is killed and fails the test (TimedOut); no
            // wall-clock bound beyond that, which a loaded CI machine would break.
            let result = try await LeadCheckProcess.run(
                [
                    "verify", "--config", config, "--json", json, "--timeout", "2", "--max-body", String(1 << 20),
                    "--journal", directory.path("\(answer.rawValue).journal"),
                ], timeout: 60)
            let label = "\(target.kind) \(target.stage) ← \(answer.rawValue)"
            #expect(
                result.status == 3 || result.status == 4,
                "\(label): exit \(result.status) \(result.stdoutText.suffix(400)) \(result.stderr.suffix(300))")
            guard let data = FileManager.default.contents(atPath: json),
                let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else {
                Issue.record("\(label): no results document; stderr: \(result.stderr.suffix(300))")
                continue
            }
            let findings = report["findings"] as? [[String: Any]] ?? []
            let errors = findings.filter { $0["severity"] as? String == "error" }
            #expect(!errors.isEmpty, "\(label): the hostile answer must be an error finding")
            for finding in findings {
                #expect(
                    known.contains(finding["code"] as? String ?? ""), "\(label): unknown code \(finding["code"] ?? "")")
                #expect(!(finding["hint"] as? String ?? "").isEmpty)
            }
            #expect(!result.stdoutText.contains("s3cret-value") && !result.stderr.contains("s3cret-value"))
        }
    }

    /// Peak memory of one run against a 50 MiB answer stays bounded (the body cap, not the body).
    @Test func aFiftyMebibyteAnswerKeepsMemoryBounded() async throws {
        let time = URL(fileURLWithPath: "/usr/bin/time")
        guard FileManager.default.isExecutableFile(atPath: time.path) else {
            Issue.record("/usr/bin/time is missing (scripts/test installs Debian's time)")
            return
        }
        let directory = try TemporaryDirectory()
        let server = try RawServer()
        let config = try Self.setUp(Target(kind: "dynamics", stage: "api"), .huge, server: server, directory: directory)
        let result = try await LeadCheckProcess.runExecutable(
            time,
            [
                "-f", "maxrss=%M", LeadCheckProcess.binary.path, "verify", "--config", config, "--timeout", "10",
                "--journal", directory.path("j"),
            ], timeout: 60)
        #expect(result.stdoutText.contains("http.body-too-large"), "\(result.stdoutText.suffix(300))")
        let kilobytes =
            result.stderr.components(separatedBy: "maxrss=").last.flatMap {
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            } ?? Int.max
        #expect(kilobytes < 200_000, "peak RSS \(kilobytes) KiB against a 50 MiB body")
    }
}
