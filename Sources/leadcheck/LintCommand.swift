import ArgumentParser
import Foundation
import LeadDestinations
import LeadFiles
import LeadModel
import LeadTransport

/// `leadcheck lint`: what Partner Center refuses before it sends any lead, with no network.
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a config or a Partner Center lead configuration the way Partner Center does, with no network.",
        discussion: """
            Refuses what Partner Center's customer-leads ingestion schema refuses (a non-https endpoint, an
            18-character Salesforce org id, a malformed Munchkin ID or form id, Dynamics ids that are not
            GUIDs, over-long keys, a Table connection string without an account key) and flags what
            Microsoft retired or deprecated (the Azure Blob destination, office365 sign-in, Test Drive).
            Each finding names the key's file:line:column and the fix.

            Exit codes: 0 nothing refused · 4 something is (with --strict: or a warning) · 2 unreadable.

            Examples:
              leadcheck lint --config leadcheck.yaml
              leadcheck lint --partner-center customer-leads.json --json lint.json
            """
    )

    @Option(help: "The leadcheck.yaml to check.")
    var config: String?

    @Option(name: .customLong("partner-center"), help: "A Partner Center customer-leads resource (JSON) to check.")
    var partnerCenter: String?

    @Option(help: "Also write the findings as JSON.")
    var json: String?

    @Flag(help: "Fail (exit 4) on warnings too.")
    var strict = false

    func run() async throws {
        guard config != nil || partnerCenter != nil else {
            throw LeadCheckError.invalidValue(
                flag: "--config/--partner-center", value: "",
                expected: "a leadcheck.yaml (--config) or a Partner Center document (--partner-center)")
        }
        let environment = ProcessInfo.processInfo.environment
        let text = try config.map { path throws(LeadCheckError) in try Linting.text(of: path) }
        let findings = try Linting.findings(
            configText: text, configFile: config ?? "config", partnerCenter: partnerCenter, environment: environment)
        // Values are named, never secrets, but the file's secrets are masked all the same (a
        // config that does not load, say for an unset variable, is still linted).
        var secrets: [Secret] = []
        if let config, let loaded = try? ConfigLoader.load(path: config, environment: environment) {
            secrets = loaded.secrets
        }
        let redactor = Redactor(secrets: secrets)
        let errors = findings.filter { $0.severity == .error }.count
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            struct Document: Encodable {
                let findings: [Finding]
                let errors: Int
                let warnings: Int
            }
            let data = try encoder.encode(
                Document(findings: findings, errors: errors, warnings: findings.count - errors))
            try OutputFile.write(redactor.redact(String(decoding: data, as: UTF8.self)) + "\n", to: json)
        }
        var lines: [String] = []
        for finding in findings {
            lines.append(
                "\(finding.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(finding.code.rawValue)  \(finding.destination)"
            )
            lines.append("        \(finding.message)")
            lines.append("        fix: \(finding.hint)")
        }
        let verdict =
            errors > 0
            ? "Partner Center would refuse this configuration, or its leads would be lost"
            : findings.isEmpty ? "nothing Partner Center refuses" : "nothing Partner Center refuses; see the warnings"
        lines.append(
            "\(errors) error\(errors == 1 ? "" : "s"), \(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s"): \(verdict)"
        )
        Terminal.printStdout(redactor.redact(lines.joined(separator: "\n")))
        if errors > 0 || (strict && !findings.isEmpty) { throw ExitCode(ExitStatus.verificationFailed.rawValue) }
    }
}
