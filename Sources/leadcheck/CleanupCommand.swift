import ArgumentParser
import Foundation
import LeadDestinations
import LeadModel
import LeadSandbox
import LeadTransport
import LeadVerification

/// `leadcheck cleanup`: remove the test leads of a run, exactly those its journal recorded.
struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Remove the test leads a run's journal recorded (and nothing else).",
        discussion: """
            The journal holds no credentials; they come from the same config the run used. Only a
            deleted record counts as removed. Where leads appear asynchronously (Salesforce
            Web-to-Lead, a flow behind an HTTPS endpoint) one not found yet is looked for again until
            --wait has passed (default: that destination's readbackTimeout), then reported; the
            command exits 3 while any remain, and running it again picks them up.

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

    @Option(
        name: .customLong("marker-prefix"),
        help: "Remove every record whose marker starts with this (LCTEST_ or longer).")
    var markerPrefix: String?

    @Option(help: "The leadcheck.yaml the run used.")
    var config: String

    @Option(
        help:
            """
            How long to keep looking for leads not visible yet (Salesforce Web-to-Lead, a flow's store), e.g.\
             30s or 2m (default: that destination's readbackTimeout).
            """,
        transform: Milliseconds.durationOption)
    var wait: Milliseconds?

    @OptionGroup var transport: TransportFlags

    func run() async throws {
        guard (journal == nil) != (markerPrefix == nil) else {
            throw LeadCheckError.invalidValue(
                flag: "--journal/--marker-prefix", value: "",
                expected: "exactly one of --journal FILE or --marker-prefix PREFIX")
        }
        let environment = ProcessInfo.processInfo.environment
        let leadcheckConfig = try ConfigLoader.load(path: config, environment: environment)
        for warning in leadcheckConfig.warnings { Terminal.printStderr("leadcheck: warning: \(warning)") }
        if let markerPrefix {
            try await removeByPrefix(markerPrefix, config: leadcheckConfig)
            return
        }
        guard let journal else { return }
        let waitMilliseconds = wait?.value
        let entries = try RunJournal.pending(at: journal)
        let builder = try DestinationBuilder(
            config: leadcheckConfig,
            transport: try transport.options(concurrency: 8, defaults: leadcheckConfig.defaults))
        let redactor = builder.redactor
        let client = builder.client
        var destinations: [String: any LeadRemoving] = [:]
        for name in Set(entries.map(\.destination)) {
            destinations[name] = try builder.make(named: name, askedBy: "\(journal) (with \(config))")
        }
        let record = try RunJournal(path: journal)
        var problems: [Finding] = []
        var outcomes: [(kind: DestinationKind, outcome: LeadRemover.Outcome)] = []
        var seen = Set<String>()
        for name in entries.map(\.destination) where seen.insert(name).inserted {
            let destination = destinations[name]!
            let mine = entries.filter { $0.destination == name }.map { $0.storedLead(at: destination.kind) }
            // Waiting only helps where leads appear late; elsewhere not found is nothing stored.
            let late = destination.visibilityWindow > .zero
            // --wait from now; else each lead until its own send time plus the window (a journal
            // without send times: the window from now).
            let ours = entries.filter { $0.destination == name }
            let deadlines = ours.map { entry in
                waitMilliseconds.map { ContinuousClock.now + .milliseconds($0) }
                    ?? entry.visibleBy(
                        destination.visibilityWindow, fallback: ContinuousClock.now + destination.visibilityWindow)
            }
            let done = await LeadRemover(destination: destination, journal: record)
                .remove(mine, mayAppear: mine.map { _ in late }, until: deadlines)
            outcomes += done.map { (destination.kind, $0) }
        }
        client.shutdown()
        func count(_ matches: (LeadRemover.Outcome) -> Bool) -> Int { outcomes.filter { matches($0.outcome) }.count }
        let pending = outcomes.filter {
            if case .pending = $0.outcome { return true }
            return false
        }
        let absent = count {
            if case .absent = $0 { return true }
            return false
        }
        let kept = count {
            if case .notKept = $0 { return true }
            return false
        }
        let failed = count {
            if case .failed = $0 { return true }
            return false
        }
        for case (_, .failed(let findings)) in outcomes { problems += findings }
        let removed = count {
            if case .removed = $0 { return true }
            return false
        }
        var parts = ["\(removed) removed"]
        if absent > 0 { parts.append("\(absent) never stored (nothing to remove)") }
        if kept > 0 {
            parts.append(
                "\(kept) kept by an endpoint whose store leadcheck cannot reach (set readback: to remove them)")
        }
        if failed > 0 { parts.append("\(failed) could not be removed") }
        if !pending.isEmpty {
            let who = pending.contains { $0.kind == .salesforce } ? "Web-to-Lead" : "the flow"
            parts.append("\(pending.count) not found yet (\(who) may still create them: run cleanup again)")
        }
        var lines = [
            "leadcheck cleanup: \(parts.joined(separator: ", ")) — \(entries.count) test lead\(entries.count == 1 ? "" : "s") in journal \(journal)"
        ]
        for problem in problems {
            lines.append(
                "  [\(problem.code.rawValue)] \(problem.destination) \(problem.lead ?? ""): \(problem.message)")
        }
        Terminal.printStdout(redactor.redact(lines.joined(separator: "\n")))
        if problems.contains(where: { $0.code.isReachability }) || !pending.isEmpty {
            throw ExitCode(ExitStatus.runtime.rawValue)
        }
        if !problems.isEmpty { throw ExitCode(ExitStatus.verificationFailed.rawValue) }
    }

    func removeByPrefix(_ prefix: String, config leadcheckConfig: LeadCheckConfig) async throws {
        guard prefix.hasPrefix(LeadMarker.prefix), prefix.count >= LeadMarker.prefix.count else {
            throw LeadCheckError.invalidValue(
                flag: "--marker-prefix", value: prefix,
                expected: "a prefix starting with \(LeadMarker.prefix), so no real lead can match")
        }
        let builder = try DestinationBuilder(
            config: leadcheckConfig,
            transport: try transport.options(concurrency: 8, defaults: leadcheckConfig.defaults))
        let redactor = builder.redactor
        let client = builder.client
        var lines: [String] = []
        var problems: [Finding] = []
        for configured in leadcheckConfig.destinations {
            let destination: any LeadRemoving = try builder.make(configured)
            let (removed, found) = await destination.removeAll(markerPrefix: prefix)
            lines.append("  \(configured.name): \(removed) removed")
            problems += found
        }
        client.shutdown()
        for problem in problems {
            lines.append(
                "  [\(problem.code.rawValue)] \(problem.destination): \(problem.message)\n      \(problem.hint)")
        }
        Terminal.printStdout(
            redactor.redact(
                (["leadcheck cleanup: records with markers starting \(prefix)"] + lines).joined(separator: "\n")))
        problems.removeAll { $0.severity == .warning }
        if !problems.isEmpty {
            throw ExitCode(
                problems.contains { $0.code.isReachability }
                    ? ExitStatus.runtime.rawValue : ExitStatus.verificationFailed.rawValue)
        }
    }
}
