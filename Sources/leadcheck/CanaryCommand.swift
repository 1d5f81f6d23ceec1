import ArgumentParser
import Foundation
import LeadDestinations
import LeadFiles
import LeadModel
import LeadTransport
import LeadVerification

/// `leadcheck canary`: the production check, on a schedule — one lead shaped like Microsoft's
/// Validate lead per destination, delivered, read back, compared and removed as `verify` does;
/// metrics, a state that says what changed, a webhook on a change.
struct CanaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canary",
        abstract:
            "Send one Validate-shaped lead to each destination, read it back, remove it; write metrics and state, notify on a change.",
        discussion: """
            Run it on a schedule (cron, a systemd timer, a GitHub Actions schedule): it costs a few API calls
            per destination and is loud only when something changes. The lead carries Microsoft's own
            test-lead marker (MSFT_TEST_<ticks>), so a CRM admin recognises it; it is journaled and removed
            like verify's.

            --metrics writes the Prometheus text format (node_exporter's textfile collector); --state
            remembers each destination's last result and success; --notify (or LEADCHECK_NOTIFY_URL, which
            keeps a webhook's secret path off the command line) posts one {"text": …} message, as Slack and
            Teams incoming webhooks take it, when a destination's state changes.

            Exit codes: 0 every destination passed · 2 config · 3 a destination could not be reached (or the
            notification could not be posted) · 4 a destination answered wrongly.

            Examples:
              leadcheck canary --config leadcheck.yaml --metrics /var/lib/node_exporter/textfile/leadcheck.prom --state canary-state.json
              LEADCHECK_NOTIFY_URL=https://hooks.slack.com/services/… leadcheck canary --config leadcheck.yaml --state state.json
            """
    )

    /// The variable `--notify` falls back to.
    static let notifyVariable = "LEADCHECK_NOTIFY_URL"

    @Option(help: "The leadcheck.yaml whose destinations to check.")
    var config: String

    @Option(name: .customLong("destination"), help: "Only this destination (repeatable).")
    var destinations: [String] = []

    @Option(help: "Write Prometheus text-format metrics to this file (atomically).")
    var metrics: String?

    @Option(
        help:
            "The state file: each destination's last result and last success, and messages the webhook has not taken yet (JSON; created if missing)."
    )
    var state: String?

    @Option(help: "Post a message here when a destination's state changes (else \(CanaryCommand.notifyVariable)).")
    var notify: String?

    @OptionGroup var output: ReportFlags

    @OptionGroup var transport: TransportFlags

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let leadcheckConfig = try ConfigLoader.load(path: config, environment: environment)
        for warning in leadcheckConfig.warnings { Terminal.printStderr("leadcheck: warning: \(warning)") }
        let lintFindings = try Linting.runFindings(
            configText: try Linting.text(of: config), configFile: config, partnerCenter: nil, environment: environment)
        var selected = leadcheckConfig.destinations
        if !destinations.isEmpty {
            for name in destinations where !selected.contains(where: { $0.name == name }) {
                throw LeadCheckError.invalidChoice(flag: "--destination", value: name, valid: selected.map(\.name))
            }
            selected = selected.filter { destinations.contains($0.name) }
        }
        let previous = try readState()
        let notifyURL = notify ?? environment[Self.notifyVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let notifyURL, !(notifyURL.lowercased().hasPrefix("https://") || notifyURL.lowercased().hasPrefix("http://"))
        {
            // The value is not echoed: a webhook URL without its scheme still carries its secret path.
            throw LeadCheckError.invalidValue(
                flag: notify == nil ? Self.notifyVariable : "--notify", value: Redactor.mask,
                expected: "an http:// or https:// webhook URL")
        }
        if notifyURL != nil, state == nil {
            Terminal.printStderr(
                "leadcheck: warning: without --state every run's failing destinations count as changes and are posted again, and a refused message is lost"
            )
        }
        let notifySecret = notifyURL.map { Secret($0, source: notify == nil ? Self.notifyVariable : "--notify") }
        let builder = try DestinationBuilder(
            config: leadcheckConfig,
            transport: try transport.options(
                concurrency: 4, defaults: leadcheckConfig.defaults, environment: environment),
            extraSecrets: notifySecret.map { [$0] } ?? [])
        let redactor = builder.redactor

        // One lead shaped like Microsoft's Validate lead: AzureMarketplace-INS, MSFT_TEST_<ticks>.
        let seed = UInt64.random(in: 0...UInt64(UInt32.max))
        let generator = LeadGenerator(
            options: GenerationOptions(
                seed: seed, matrix: .documented, variants: [.msftTest], locales: [.enUS], offer: leadcheckConfig.offer,
                runID: .random(), baseTime: LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))))
        guard let lead = generator.leads().first(where: { $0.pair == MatrixPair(.azureMarketplace, .install) }) else {
            throw LeadCheckError.transport("no Validate-shaped lead could be generated")
        }
        let journal = try RunJournal(path: RunJournal.defaultPath(runID: generator.options.runID))

        var reports: [VerifyReport] = []
        var results: [CanaryResult] = []
        for configured in selected {
            let destination = try builder.make(configured)
            let started = ContinuousClock.now
            let report = await VerifyRunner(destinations: [destination], leads: [lead], cleanup: true, journal: journal)
                .run(seed: seed, offer: leadcheckConfig.offer)
            let elapsed = ContinuousClock.now - started
            let errors = report.findings.filter { $0.severity == .error }
            let summary = report.destinations.first
            results.append(
                CanaryResult(
                    destination: configured.name, type: configured.kind.rawValue, up: errors.isEmpty,
                    durationSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                    apiCalls: summary?.apiCalls ?? 0,
                    certificateExpiry: summary?.connection?.tls?.notAfter.flatMap(CertificateDate.parse),
                    problems: errors.map {
                        CanaryResult.Problem(code: $0.code.rawValue, hint: redactor.redact($0.hint))
                    }))
            reports.append(report)
        }

        let now = Date().timeIntervalSince1970
        var (next, changes) = previous.updated(with: results, at: now)
        // Messages the webhook refused before go first; any it refuses now wait for the next run.
        var notifyFailure: String?
        var posted = [Bool](repeating: false, count: changes.count)
        if let notifyURL {
            let earlier = previous.pending ?? []
            let outbox = earlier + changes.map(CanaryNotification.init)
            // The state is written with every message pending before any is posted: an unwritable
            // --state fails here, before a webhook hears of a change the state would then forget.
            if let state, !outbox.isEmpty {
                var unsent = next
                unsent.pending = Array(outbox.suffix(CanaryState.pendingLimit))
                try OutputFile.write(redactor.redact(try Self.encoded(unsent)), to: state)
            }
            let outcome = await postAll(outbox, to: notifyURL, client: builder.client, redactor: redactor)
            posted = Array(outcome.posted.dropFirst(earlier.count))
            notifyFailure = outcome.failure
            next.pending = outcome.unposted.isEmpty ? nil : Array(outcome.unposted.suffix(CanaryState.pendingLimit))
        }
        builder.client.shutdown()

        var report = ReportMerger.merge(reports)
        report.findings = lintFindings + report.findings
        report.recomputeVerdict()
        if let state { try OutputFile.write(redactor.redact(try Self.encoded(next)), to: state) }
        if let metrics { try OutputFile.write(CanaryMetrics.text(results, state: next), to: metrics) }
        try output.writeFiles(report, redactor: redactor)

        output.printTerminal(report, redactor: redactor, environment: environment)
        var lines = ["", "canary:"]
        for result in results {
            let since = next.summary(of: result.destination).map { "; \($0)" } ?? ""
            lines.append(
                """
                  \(result.destination) (\(result.type)): \(result.up ? "up" : "DOWN"),\
                 \(String(format: "%.2f", result.durationSeconds)) s, \(result.apiCalls) API calls\(since)
                """
            )
        }
        for (change, wasPosted) in zip(changes, posted) {
            let told = notifyURL == nil ? "" : wasPosted ? " (notified)" : " (not notified yet)"
            lines.append(
                "  changed: \(change.destination) \(change.old?.status ?? "new") → \(change.new.status)\(told)")
        }
        if let notifyFailure {
            let kept = next.pending?.count ?? 0
            lines.append(
                "  could not notify: \(notifyFailure); "
                    + (state == nil
                        ? "\(kept) message(s) lost (no --state to keep them in)"
                        : "\(kept) message(s) kept in the state file for the next run"))
        }
        Terminal.printStdout(redactor.redact(lines.joined(separator: "\n")))
        try output.exitUnlessPassed(report)
        if notifyFailure != nil { throw ExitCode(ExitStatus.runtime.rawValue) }
    }

    /// The state file's content, or an empty state when it does not exist yet.
    func readState() throws(LeadCheckError) -> CanaryState {
        guard let state, FileManager.default.fileExists(atPath: state) else { return CanaryState() }
        let data = try InputFile.read(state, maxBytes: 1 << 20)
        do { return try JSONDecoder().decode(CanaryState.self, from: data) } catch {
            throw .invalidInput(
                location: state, reason: "not a leadcheck canary state file (\(error)); remove it to start over")
        }
    }

    static func encoded(_ state: CanaryState) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(state), as: UTF8.self) + "\n"
    }

    /// Posts the messages in order until the webhook refuses one: which were taken, the rest (kept
    /// in order, so an old "failing" never arrives after a newer "passes again"), and why.
    func postAll(_ messages: [CanaryNotification], to url: String, client: HTTPClient, redactor: Redactor) async
        -> (posted: [Bool], unposted: [CanaryNotification], failure: String?)
    {
        for (index, message) in messages.enumerated() {
            if let failure = await post(message, to: url, client: client, redactor: redactor) {
                return (
                    Array(repeating: true, count: index) + Array(repeating: false, count: messages.count - index),
                    Array(messages[index...]), failure
                )
            }
        }
        return (Array(repeating: true, count: messages.count), [], nil)
    }

    /// Posts one message; what went wrong, if anything (redacted).
    func post(_ message: CanaryNotification, to url: String, client: HTTPClient, redactor: Redactor) async -> String? {
        var redacted = message
        redacted.text = redactor.redact(message.text)
        guard let body = try? JSONEncoder().encode(redacted) else { return "the message could not be encoded" }
        do {
            let response = try await client.send(
                HTTPRequest(method: "POST", url: url, body: .bytes(Array(body), contentType: "application/json")))
            return response.isSuccess ? nil : "the webhook answered HTTP \(response.status)"
        } catch {
            return redactor.redact(error.message)
        }
    }
}
