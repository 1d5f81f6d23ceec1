import ArgumentParser
import Foundation
import LeadFiles
import LeadModel
import LeadTransport
import LeadVerification

/// The report files and verdict flags shared by every command that ends in a results document
/// (`verify`, `report`, `canary`), so each writes them — redacted — the same way.
struct ReportFlags: ParsableArguments {
    @Option(help: "Write the results as JSON (schema in docs/results.md).")
    var json: String?

    @Option(help: "Write JUnit XML: one test case per destination × lead.")
    var junit: String?

    @Option(help: "Write a self-contained HTML report.")
    var html: String?

    @Flag(help: "Fail (exit 4) on warnings too.")
    var strict = false

    /// Writes each requested report file through `redactor`.
    func writeFiles(_ report: VerifyReport, redactor: Redactor) throws {
        if let json {
            try OutputFile.write(redactor.redact(String(decoding: try report.json(), as: UTF8.self)), to: json)
        }
        if let junit { try OutputFile.write(JUnitReport.render(report, redactor: redactor), to: junit) }
        if let html { try OutputFile.write(HTMLReport.render(report, redactor: redactor), to: html) }
    }

    /// Prints the terminal report and, under GitHub Actions, one annotation per finding.
    func printTerminal(_ report: VerifyReport, redactor: Redactor, environment: [String: String]) {
        Terminal.printStdout(TerminalReport.render(report, redactor: redactor))
        if environment["GITHUB_ACTIONS"] == "true" {
            for line in GitHubAnnotations.lines(report, redactor: redactor) { Terminal.printStdout(line) }
        }
    }

    /// Throws the verdict's exit code unless the report passed.
    func exitUnlessPassed(_ report: VerifyReport) throws {
        let status = report.exitStatus(strict: strict)
        if status != .passed { throw ExitCode(status.rawValue) }
    }
}
