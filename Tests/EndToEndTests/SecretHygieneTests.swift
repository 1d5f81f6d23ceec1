import Foundation
import TestSupport
import Testing

/// One set of distinctive canary secrets — a Table account key, a SAS signature, the client
/// secrets of Dynamics, Marketo and Salesforce — through every command on passing and failing
/// paths: verify (all five destinations), send (all kinds, -v, --curl), cleanup (journal and
/// prefix), report, and the sandbox's own log. None appears anywhere, in any encoding.
@Suite(.serialized) struct SecretHygieneTests {
    static let secrets = [
        "CANARY_TABLE_KEY": Data("CANARYtableKey-hygiene-01".utf8).base64EncodedString(),
        "CANARY_SIG": "CANARYsig0hygiene02",
        "CANARY_DYN": "CANARYdyn-hygiene-03",
        "CANARY_MKTO": "CANARYmkto-hygiene-04",
        "CANARY_SF": "CANARYsf-hygiene-05",
    ]

    /// Every form a secret may leak in.
    static var forms: [String] {
        var out: [String] = []
        for value in secrets.values + ["CANARYtableKey-hygiene-01"] {
            out += [
                value, Data(value.utf8).base64EncodedString(),
                value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
            ]
        }
        return out
    }

    @Test func noCommandEverPrintsOrWritesASecret() async throws {
        let directory = try TemporaryDirectory()
        let sandbox = try SandboxProcess(
            [
                "--table-account", "canaryacct=CANARY_TABLE_KEY", "--fault",
                "https:require-sig=\(Self.secrets["CANARY_SIG"]!)",
                "--client-secret", "dynamics=CANARY_DYN", "--client-secret", "marketo=CANARY_MKTO", "--client-secret",
                "salesforce=CANARY_SF",
            ],
            directory: directory, environment: Self.secrets)
        let config = directory.path("hygiene.yaml")
        try sandbox.hookAndTableYAML(urlVariable: "HOOK_URL", connectionVariable: "TABLE_CONN")
            .appending(sandbox.crmDestinationsYAML(readbackTimeout: "1s")).write(
                toFile: config, atomically: true, encoding: .utf8)
        func environment(wrong: Bool) -> [String: String] {
            let x = wrong ? "X" : ""
            return [
                "HOOK_URL": sandbox.httpsURL + "&sig=\(Self.secrets["CANARY_SIG"]!)\(x)",
                "TABLE_CONN": sandbox.tableConnectionString(
                    account: "canaryacct",
                    key: wrong ? Data("wrong".utf8).base64EncodedString() : Self.secrets["CANARY_TABLE_KEY"]!),
                "DYN_SECRET": Self.secrets["CANARY_DYN"]! + x, "MKTO_SECRET": Self.secrets["CANARY_MKTO"]! + x,
                "SF_SECRET": Self.secrets["CANARY_SF"]! + x,
                "LEADCHECK_SEND_URL": sandbox.httpsURL + "&sig=\(Self.secrets["CANARY_SIG"]!)\(x)",
            ]
        }
        var everything = ""
        var files: [String] = []
        func run(_ label: String, _ arguments: [String], wrong: Bool = false, expect statuses: Set<Int32>) async throws
        {
            let result = try await LeadCheckProcess.run(
                arguments, environment: environment(wrong: wrong), workingDirectory: directory.url)
            #expect(
                statuses.contains(result.status),
                "\(label): exit \(result.status) \(result.stdoutText.suffix(300)) \(result.stderr.suffix(300))")
            everything += result.stdoutText + result.stderr
        }
        for (label, wrong) in [("pass", false), ("fail", true)] {
            let json = directory.path("\(label).json")
            let junit = directory.path("\(label).xml")
            let html = directory.path("\(label).html")
            let journal = directory.path("\(label).journal")
            files += [json, junit, html, journal]
            try await run(
                "verify \(label)",
                [
                    "verify", "--config", config, "--json", json, "--junit", junit, "--html", html, "--journal",
                    journal, "--no-cleanup",
                ],
                wrong: wrong, expect: wrong ? [3, 4] : [0])
            try await run(
                "report \(label)",
                [
                    "report", "--input", json, "--html", directory.path("\(label)-r.html"), "--junit",
                    directory.path("\(label)-r.xml"), "--json", directory.path("\(label)-r.json"),
                ],
                wrong: wrong, expect: [0, 3, 4])
            files += [
                directory.path("\(label)-r.html"), directory.path("\(label)-r.xml"), directory.path("\(label)-r.json"),
            ]
            try await run(
                "cleanup \(label)", ["cleanup", "--config", config, "--journal", journal], wrong: wrong,
                expect: wrong ? [0, 3, 4] : [0])
            for destination in ["hook", "table", "dyn", "mkto", "sf"] {
                try await run(
                    "send \(destination) \(label)",
                    ["send", "--config", config, "--destination", destination, "--count", "2"], wrong: wrong,
                    expect: wrong ? [3, 4] : [0])
            }
            try await run(
                "send -v --curl \(label)", ["send", "--count", "2", "-v", "--curl"], wrong: wrong,
                expect: wrong ? [4] : [0])
            try await run(
                "cleanup prefix \(label)", ["cleanup", "--config", config, "--marker-prefix", "LCTEST_"], wrong: wrong,
                expect: wrong ? [3, 4] : [0])
        }
        // The journals send wrote, and the sandbox's own log.
        let runs = directory.url.appendingPathComponent(".leadcheck/runs")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? [] {
            files.append(runs.appendingPathComponent(name).path)
        }
        #expect(files.count > 12)
        for file in files { everything += (try? String(contentsOfFile: file, encoding: .utf8)) ?? "" }
        _ = sandbox.stop()
        everything += (try? String(contentsOf: sandbox.output, encoding: .utf8)) ?? ""
        #expect(everything.contains("auth.rejected"), "the failing paths were exercised")
        for form in Self.forms { #expect(!everything.contains(form), "\(form) leaked") }
    }
}
