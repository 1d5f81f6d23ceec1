import ArgumentParser
import LeadFiles
import LeadFlowFiles
import LeadFlows
import LeadModel
import LeadWire

/// `leadcheck flow check FILE`: the static check of an exported flow definition.
struct FlowCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an exported flow definition against the leads Microsoft sends.",
        discussion: """
            FILE is a Logic Apps definition ({"definition": …}), an ARM resource or template
            (properties.definition), a Power Automate export package (.zip), a solution (.zip with
            Workflows/*.json) or Dataverse clientdata. Each finding names a JSON pointer into the file
            and the fix. Exit 0 when nothing loses a lead · 4 when something does (--strict: warnings
            too) · 2 when FILE is not a flow definition.

            Examples:
              leadcheck flow check MyFlow_20261202.zip
              leadcheck flow check logicapp.json --json flow-check.json
            """
    )

    @Argument(help: "The exported flow: .json or .zip.")
    var file: String

    @Option(
        name: .customLong("https-case"),
        help: "Key casing of the payloads checked: camel (what Microsoft sends; the default) or pascal.")
    var httpsCase: JSONKeyCase = .camel

    @Flag(
        help:
            "Treat expression property names as case-sensitive (Logic Apps reads them case-insensitively, by a third-party finding: the IllogicApps emulator)."
    )
    var caseSensitiveReads = false

    @Option(help: "Also write the findings as JSON.")
    var json: String?

    @Flag(help: "Fail (exit 4) on warnings too.")
    var strict = false

    func run() async throws {
        let documents = try FlowFileReader.read(path: file)
        let checker = FlowChecker(
            payloads: FlowPayload.microsoft(keyCase: httpsCase), caseInsensitiveReads: !caseSensitiveReads)
        let report = FlowReport(file: file, documents: documents, checker: checker)
        if let json { try OutputFile.write(String(decoding: try report.json(), as: UTF8.self) + "\n", to: json) }
        Terminal.printStdout(report.text())
        let status = report.exitStatus(strict: strict)
        if status != .passed { throw ExitCode(status.rawValue) }
    }
}
