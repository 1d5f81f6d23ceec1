import ArgumentParser

/// `leadcheck`: the root command.
struct LeadCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadcheck",
        abstract: "Prove a Microsoft commercial-marketplace lead destination works, before publish and in CI.",
        discussion: """
            Exit codes: 0 passed · 1 usage error · 2 config or input error · 3 runtime error · 4 verification failed.
            """,
        version: LeadCheckVersion.current,
        subcommands: [
            VerifyCommand.self, CanaryCommand.self, LintCommand.self, ListenCommand.self, ReconcileCommand.self,
            ReportCommand.self, GenerateCommand.self, SendCommand.self, SandboxCommand.self, CleanupCommand.self,
            InitCommand.self, FlowCommand.self,
        ]
    )
}
