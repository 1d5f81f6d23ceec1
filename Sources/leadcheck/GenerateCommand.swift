import ArgumentParser
import LeadFiles
import LeadModel
import LeadWire

/// `leadcheck generate`: deterministic fixture leads.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write deterministic synthetic leads: every source × action, variants and locales, in any format.",
        discussion: """
            Formats: json, ndjson (leadcheck's lead record), csv, or one destination's request body per line:
            https, azure-table, dynamics, marketo, salesforce. The same seed and flags always give
            byte-identical output.

            Examples:
              leadcheck generate --seed 42 --format ndjson
              leadcheck generate --seed 7 --matrix full --variants unicode,hostile --locales ja-JP --format https
              leadcheck generate --seed 1 --count 1000000 --format ndjson --output leads.ndjson
            """
    )

    @OptionGroup var generation: GenerationFlags
    @OptionGroup var wire: WireFlags

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = OutputFormat.ndjson.rawValue

    @Option(help: "Output file (written whole or not at all). Default: standard output.")
    var output: String?

    func run() throws {
        let options = try generation.generationOptions()
        let format: OutputFormat = try Choice.parse(self.format, flag: "--format")
        let wireOptions = try wire.wireOptions(leadSourceFormat: generation.leadSourceFormat)
        let generator = LeadGenerator(options: options)
        let file = try OutputFile(path: output)
        try LeadStreamWriter(format: format, options: wireOptions).write(generator) { chunk throws(LeadCheckError) in
            try file.write(chunk)
        }
        try file.finish()
        if !generation.seedWasGiven || output != nil {
            Terminal.printStderr(
                "leadcheck: \(generator.count) leads, seed \(options.seed), run id \(options.runID)"
                    + (output.map { ", written to \($0)" } ?? "")
                    + (generation.seedWasGiven ? "" : " (pass --seed \(options.seed) to replay)")
            )
        }
    }
}
