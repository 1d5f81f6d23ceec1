import ArgumentParser
import Foundation
import LeadDestinations
import LeadFiles
import LeadModel
import LeadSandbox
import LeadTransport
import LeadVerification
import LeadWire

/// `leadcheck verify`: the main job.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Send synthetic leads to each destination, read back what it stored, compare, clean up, and report.",
        discussion: """
            With --sandbox, verifies the local emulator started in-process (no credentials needed).
            With --config, verifies the destinations of a leadcheck.yaml (https, azure-table, dynamics,
            marketo, salesforce).

            Exit codes: 0 every lead passed · 1 usage · 2 config · 3 a destination could not be reached ·
            4 a destination answered wrongly (or, with --strict, there were warnings).

            Examples:
              leadcheck verify --sandbox --json report.json
              leadcheck verify --sandbox --fault 'azure-table:clock-skew'
              leadcheck verify --config leadcheck.yaml --destination my-table
            """
    )

    @Flag(help: "Verify the built-in sandbox, started in-process on free ports.")
    var sandbox = false

    @Option(help: "leadcheck.yaml to verify.")
    var config: String?

    @Option(
        name: .customLong("partner-center"),
        help:
            """
            A Partner Center customer-leads resource (JSON): verify exactly the destination it names;\
             read-back credentials come from --config or LEADCHECK_* variables.
            """
    )
    var partnerCenter: String?

    @Option(name: .customLong("fault"), help: "With --sandbox: inject a fault, KIND:NAME[=VALUE] (repeatable).")
    var faults: [String] = []

    @Flag(help: "With --sandbox: serve it over HTTPS with a generated CA, which this run trusts.")
    var tls = false

    @Option(
        name: .customLong("destination"),
        help:
            "Only this destination (repeatable); with --sandbox, by type: https, azure-table, dynamics, marketo, salesforce."
    )
    var destinations: [String] = []

    @Option(
        help:
            "Run only slice K of N of the destination × lead checks (needs a fixed seed); merge the shards with leadcheck report.",
        transform: { text in
            do throws(LeadCheckError) { return try Shard(parsing: text) } catch { throw ValidationError(error.message) }
        })
    var shard: Shard?

    @Option(
        parsing: .unconditional, help: "Seed for the leads (else LEADCHECK_SEED, the config, or random).",
        transform: OptionParsing.seed)
    var seed: UInt64?

    @Option(
        help: "documented or full (else LEADCHECK_MATRIX, the config, or documented).",
        transform: OptionParsing.choice("--matrix"))
    var matrix: LeadMatrix?

    @Option(
        help: "Comma-separated variants (else LEADCHECK_VARIANTS, the config, or typical,unicode,hostile).",
        transform: OptionParsing.list("--variants"))
    var variants: [LeadVariant]?

    @Option(
        help: "Comma-separated locales (else LEADCHECK_LOCALES, the config, or en-US,ja-JP).",
        transform: OptionParsing.list("--locales"))
    var locales: [LeadLocale]?

    @Flag(name: .customLong("no-cleanup"), help: "Keep this run's test leads.")
    var noCleanup = false

    @Option(
        help:
            "The run journal: each lead is recorded here before it is sent (default .leadcheck/runs/<run id>.journal).")
    var journal: String?

    @Option(
        name: .customLong("https-case"),
        help:
            "HTTPS payload key casing: camel (what Microsoft sends; the default) or pascal (the docs' schema); overrides a destination's payloadCase."
    )
    var httpsCase: JSONKeyCase?

    @OptionGroup var output: ReportFlags

    @OptionGroup var transport: TransportFlags

    func run() async throws {
        guard partnerCenter == nil ? sandbox != (config != nil) : !sandbox else {
            throw LeadCheckError.invalidValue(
                flag: "--sandbox/--config", value: "",
                expected: partnerCenter == nil
                    ? "exactly one of --sandbox or --config FILE"
                    : "--partner-center with --config FILE (or alone), not with --sandbox")
        }
        var parsedFaults: [Fault] = []
        for spec in faults {
            do { parsedFaults.append(try Fault(parsing: spec)) } catch {
                throw LeadCheckError.invalidValue(flag: "--fault", value: spec, expected: error.reason)
            }
        }
        if !parsedFaults.isEmpty && !sandbox {
            throw LeadCheckError.invalidValue(
                flag: "--fault", value: faults[0], expected: "--fault only with --sandbox")
        }

        let environment = ProcessInfo.processInfo.environment
        var leadcheckConfig: LeadCheckConfig
        // The config's text, for the Partner Center checks the report starts with (`lint`).
        var configText: String?
        var sandboxTask: Task<Void, any Error>?
        var inspectionURL: String?
        var caFile: String?
        var scratchDirectory: String?
        // Registered before the sandbox starts, so a failed start removes its directory too.
        defer {
            sandboxTask?.cancel()
            if let scratchDirectory { try? FileManager.default.removeItem(atPath: scratchDirectory) }
        }
        if let config {
            leadcheckConfig = try ConfigLoader.load(path: config, environment: environment)
            for warning in leadcheckConfig.warnings { Terminal.printStderr("leadcheck: warning: \(warning)") }
        } else if partnerCenter != nil {
            leadcheckConfig = LeadCheckConfig()
        } else {
            // The CA file (with --tls) lives in a directory this run owns and removes.
            scratchDirectory = tls ? try Self.scratchDirectory() : nil
            let instance = try Sandbox(
                configuration: SandboxConfiguration(
                    tls: tls, caFile: scratchDirectory.map { "\($0)/sandbox-ca.pem" }, faults: parsedFaults))
            let ready = AsyncStream<SandboxEndpoints>.makeStream()
            let failure = LockedValue<String?>(nil)
            sandboxTask = Task {
                // Ending the stream when the sandbox fails to start turns a hang into an error.
                defer { ready.continuation.finish() }
                do { try await instance.run(handleSignals: false) { ready.continuation.yield($0) } } catch {
                    failure.value = "\(error)"
                    throw error
                }
            }
            var iterator = ready.stream.makeAsyncIterator()
            guard let endpoints = await iterator.next() else {
                throw LeadCheckError.transport(
                    "the in-process sandbox could not start: \(failure.value ?? "it stopped before listening")")
            }
            inspectionURL = endpoints.inspection
            caFile = endpoints.caFile
            let text = SandboxConfigWriter.text(for: endpoints)
            leadcheckConfig = try ConfigLoader.parse(text, file: "sandbox", environment: [:])
            configText = text
        }

        // Secrets of every configured destination stay masked even when only one is verified.
        var secrets = leadcheckConfig.secrets
        if let partnerCenter {
            let imported = try PartnerCenterImport.destination(
                from: try InputFile.read(partnerCenter, maxBytes: PartnerCenterImport.maxBytes), file: partnerCenter,
                base: leadcheckConfig, environment: environment)
            leadcheckConfig.destinations = [imported]
            secrets += leadcheckConfig.secrets
        }
        var selected = leadcheckConfig.destinations
        if !destinations.isEmpty {
            let known = selected.map(\.name)
            for name in destinations where !known.contains(name) {
                throw LeadCheckError.invalidChoice(flag: "--destination", value: name, valid: known)
            }
            selected = selected.filter { destinations.contains($0.name) }
        }

        var options = try transport.options(
            concurrency: 16, defaults: leadcheckConfig.defaults, environment: environment)
        if options.caFile == nil { options.caFile = caFile }
        let builder = try DestinationBuilder(
            config: leadcheckConfig, transport: options, extraSecrets: secrets,
            fallbackInspectionURL: inspectionURL, httpsCase: httpsCase)
        let redactor = builder.redactor
        let client = builder.client
        if options.insecure { Terminal.printStderr("leadcheck: warning: TLS verification is off (--insecure)") }

        // Partner Center's checks first (`lint`); their findings head the report.
        if let config { configText = try Linting.text(of: config) }
        let lintFindings = try Linting.runFindings(
            configText: configText, configFile: config ?? "sandbox", partnerCenter: partnerCenter,
            environment: environment)

        var built: [any LeadDestination] = []
        for destination in selected { built.append(try builder.make(destination)) }

        let defaults = try DefaultsOverrides(seed: seed, matrix: matrix, variants: variants, locales: locales)
            .apply(to: leadcheckConfig.defaults, environment: environment)
        let slice = shard
        if slice != nil && defaults.seed == nil {
            throw LeadCheckError.invalidValue(
                flag: "--shard", value: shard?.description ?? "",
                expected:
                    "a fixed seed too (--seed, LEADCHECK_SEED or the config), so every shard generates the same leads")
        }
        let seedValue = defaults.seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
        // Shards share the run id (derived from the seed) so their markers and reports line up.
        let generator = LeadGenerator(
            options: GenerationOptions(
                seed: seedValue, matrix: defaults.matrix, variants: defaults.variants, locales: defaults.locales,
                offer: leadcheckConfig.offer, runID: slice == nil ? .random() : .derived(fromSeed: seedValue),
                baseTime: LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
            ))
        let journalPath =
            self.journal
            ?? RunJournal.defaultPath(runID: generator.options.runID).replacingOccurrences(
                of: ".journal", with: slice.map { "-shard\($0.index)of\($0.count).journal" } ?? ".journal")
        let journal = try RunJournal(path: journalPath)
        let runner = VerifyRunner(
            destinations: built, leads: generator.leads(), cleanup: !noCleanup && defaults.cleanup, journal: journal,
            shard: slice)
        let progress = ProgressLine(total: runner.checkCount)
        var report = await runner.run(seed: seedValue, offer: leadcheckConfig.offer) { result in
            progress.advance(passed: result.status == .passed)
        }
        progress.finish()
        client.shutdown()
        report.findings = lintFindings + report.findings
        report.recomputeVerdict()

        try output.writeFiles(report, redactor: redactor)
        output.printTerminal(report, redactor: redactor, environment: environment)
        try output.exitUnlessPassed(report)
    }

    /// A fresh private directory under TMPDIR for files the in-process sandbox needs.
    static func scratchDirectory() throws(LeadCheckError) -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/leadcheck-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw LeadCheckError.transport(
                "the in-process sandbox could not start: cannot create a directory in \(base) (\(String(cString: strerror(errno))))"
            )
        }
        return String(cString: made)
    }
}
