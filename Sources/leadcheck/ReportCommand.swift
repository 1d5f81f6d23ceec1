import ArgumentParser
import Foundation
import LeadFiles
import LeadModel
import LeadTransport
import LeadVerification

/// `leadcheck report`: render or merge results documents (`verify --json`), e.g. the shards of
/// a CI matrix, into HTML, JUnit or one merged JSON.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render or merge verify --json results (e.g. the shards of a CI matrix) into HTML, JUnit or JSON.",
        discussion: """
            Merging keeps every destination, lead and result once and every finding once, adds up
            Web-to-Lead usage and recomputes the verdict. The exit status is the merged verdict's, as
            verify's: 0 passed · 3 a destination could not be reached · 4 one answered wrongly
            (--strict: warnings too) · 2 an input is not a results document.

            Examples:
              leadcheck report --input shard-1.json shard-2.json --json merged.json --html report.html
              leadcheck report --input report.json --junit report.xml
            """
    )

    @Option(
        name: .customLong("input"), parsing: .upToNextOption,
        help: "Results documents from verify --json (several after one --input, or --input repeated).")
    var inputs: [String] = []

    @OptionGroup var output: ReportFlags

    func run() async throws {
        guard !inputs.isEmpty else {
            throw LeadCheckError.invalidValue(
                flag: "--input", value: "", expected: "at least one results document (verify --json)")
        }
        var reports: [VerifyReport] = []
        for input in inputs {
            reports.append(try VerifyReport.decode(try InputFile.read(input, maxBytes: 256 << 20), file: input))
        }
        let merged = ReportMerger.merge(reports)
        // The documents are already redacted; patterns are masked once more on the way out.
        let redactor = Redactor()
        try output.writeFiles(merged, redactor: redactor)
        output.printTerminal(merged, redactor: redactor, environment: ProcessInfo.processInfo.environment)
        try output.exitUnlessPassed(merged)
    }
}
