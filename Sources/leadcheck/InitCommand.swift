import ArgumentParser
import LeadDestinations
import LeadFiles
import LeadModel

/// `leadcheck init`: write a commented starter config covering all five destination types.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter leadcheck.yaml covering all five destination types.",
        discussion: """
            Secrets are referenced as ${VARIABLE}s from the environment, never written into the file.

            Examples:
              leadcheck init
              leadcheck init --output ci/leadcheck.yaml
            """
    )

    @Option(help: "Where to write the config.")
    var output: String = "leadcheck.yaml"

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func run() throws {
        if !force, FileManagerCheck.exists(output) {
            throw LeadCheckError.outputUnwritable(path: output, reason: "it exists; pass --force to overwrite it")
        }
        let text = StarterConfig.render(.placeholders, header: "leadcheck configuration, written by `leadcheck init`.")
        try OutputFile.write(text, to: output)
        Terminal.printStderr(
            "leadcheck: wrote \(output); set the LEADCHECK_* variables it references, then run leadcheck verify --config \(output)"
        )
    }
}
