import ArgumentParser

/// `leadcheck flow`: the flow behind an HTTPS endpoint.
struct FlowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Check the Power Automate or Logic Apps flow behind an HTTPS endpoint.",
        subcommands: [FlowCheckCommand.self]
    )
}
