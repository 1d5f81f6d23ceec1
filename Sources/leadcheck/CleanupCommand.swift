import ArgumentParser
import Foundation
import LeadCheck

/// `leadcheck cleanup`: remove the test leads of a run, exactly those its journal recorded.
struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Remove the test leads a run's journal recorded (and nothing else).",
        discussion: """
        The journal holds no credentials; they come from the same config the run used.

        With --marker-prefix instead, every record whose marker starts with the prefix is removed
        from each destination (Azure Table: a scan of the table; Dynamics: startswith on email and
        description; Salesforce: SOQL on Email; Marketo cannot search by prefix and says so); the
        prefix must start with LCTEST_, so real leads can never match.

        Examples:
          leadcheck cleanup --journal .leadcheck/runs/k3j9x2m1.journal --config leadcheck.yaml
          leadcheck cleanup --config leadcheck.yaml --marker-prefix LCTEST_
        """
    )

    @Option(help: "The run journal to clean up after.")
    var journal: String?

    @Option(name: .customLong("marker-prefix"), help: "Remove every record whose marker starts with this (LCTEST_ or longer).")
    var markerPrefix: String?

    @Option(help: "The leadcheck.yaml the run used.")
    var config: String

    @OptionGroup var transport: TransportFlags

    func run() async throws {
        guard (journal == nil) != (markerPrefix == nil) else {
            throw LeadCheckError.invalidValue(flag: "--journal/--marker-prefix", value: "", expected: "exactly one of --journal FILE or --marker-prefix PREFIX")
        }
        let environment = ProcessInfo.processInfo.environment
        let leadcheckConfig = try ConfigLoader.load(path: config, environment: environment)
        for warning in leadcheckConfig.warnings { Terminal.printStderr("leadcheck: warning: \(warning)") }
        if let markerPrefix {
            try await removeByPrefix(markerPrefix, config: leadcheckConfig)
            return
        }
        guard let journal else { return }
        let entries = try RunJournal.pending(at: journal)
        let redactor = Redactor(secrets: leadcheckConfig.secrets)
        let client = try HTTPClient(options: try transport.options(concurrency: 8, defaults: leadcheckConfig.defaults), redactor: redactor)
        var destinations: [String: any LeadDestination] = [:]
        for name in Set(entries.map(\.destination)) {
            guard let configured = leadcheckConfig.destinations.first(where: { $0.name == name }) else {
                throw LeadCheckError.invalidInput(location: journal, reason: "the journal names destination '\(name)', which \(config) does not define")
            }
            destinations[name] = try DestinationFactory.make(configured, client: client)
        }
        let record = try RunJournal(path: journal)
        var problems: [Finding] = []
        var removed = 0
        for entry in entries {
            let found = await destinations[entry.destination]!.remove(marker: entry.marker, receipt: entry.receipt)
            if found.isEmpty {
                removed += 1
                try record.append(.init(event: "removed", destination: entry.destination, marker: entry.marker, receipt: entry.receipt))
            }
            problems += found
        }
        client.shutdown()
        var lines = ["leadcheck cleanup: \(removed) of \(entries.count) test leads removed (journal \(journal))"]
        for problem in problems { lines.append("  [\(problem.code.rawValue)] \(problem.destination) \(problem.lead ?? ""): \(problem.message)") }
        Terminal.printStdout(redactor.redact(lines.joined(separator: "\n")))
        if !problems.isEmpty {
            throw ExitCode(problems.contains { $0.code.isReachability } ? ExitStatus.runtime.rawValue : ExitStatus.verificationFailed.rawValue)
        }
    }

    func removeByPrefix(_ prefix: String, config leadcheckConfig: LeadCheckConfig) async throws {
        guard prefix.hasPrefix(LeadMarker.prefix), prefix.count >= LeadMarker.prefix.count else {
            throw LeadCheckError.invalidValue(flag: "--marker-prefix", value: prefix, expected: "a prefix starting with \(LeadMarker.prefix), so no real lead can match")
        }
        let redactor = Redactor(secrets: leadcheckConfig.secrets)
        let client = try HTTPClient(options: try transport.options(concurrency: 8, defaults: leadcheckConfig.defaults), redactor: redactor)
        var lines: [String] = []
        var problems: [Finding] = []
        for configured in leadcheckConfig.destinations {
            let destination = try DestinationFactory.make(configured, client: client)
            let (removed, found) = await destination.removeAll(markerPrefix: prefix)
            lines.append("  \(configured.name): \(removed) removed")
            problems += found
        }
        client.shutdown()
        for problem in problems { lines.append("  [\(problem.code.rawValue)] \(problem.destination): \(problem.message)\n      \(problem.hint)") }
        Terminal.printStdout(redactor.redact((["leadcheck cleanup: records with markers starting \(prefix)"] + lines).joined(separator: "\n")))
        problems.removeAll { $0.severity == .warning }
        if !problems.isEmpty {
            throw ExitCode(problems.contains { $0.code.isReachability } ? ExitStatus.runtime.rawValue : ExitStatus.verificationFailed.rawValue)
        }
    }
}
