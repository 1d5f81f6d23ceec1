import ArgumentParser
import Foundation
import LeadDestinations
import LeadFiles
import LeadModel
import LeadSandbox
import LeadTransport
import LeadVerification
import LeadWire

/// `leadcheck send`: deliver leads to an HTTPS endpoint without read-back; a burst test with
/// `--count` and `--concurrency`.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract:
            "Deliver leads exactly as Microsoft's connector does (an HTTPS endpoint, or any configured destination), and summarise the answers.",
        discussion: """
            The endpoint comes from --url, or from the environment variable \(urlVariable) when the URL
            carries a signature (a Power Automate or Logic Apps trigger URL with sig=…): secrets are never
            taken from the command line. Headers whose values are secret come from the environment with
            --header-env "Name=VARIABLE".

            Leads come from --input (NDJSON as `leadcheck generate` writes it, or - for standard input),
            or are generated in place with the same flags as `leadcheck generate`.

            Exit codes: 0 every request got a 2xx · 1 usage · 2 input · 3 some request could not complete
            (DNS, connect, TLS, timeout) · 4 the endpoint answered with a non-2xx status.

            Examples:
              leadcheck send --url http://127.0.0.1:8080/ --count 20000 --concurrency 8
              \(urlVariable)='https://prod-00.westus.logic.azure.com/workflows/…&sig=…' leadcheck send --count 6 -v
              leadcheck generate --seed 1 --variants hostile | leadcheck send --url http://127.0.0.1:8080/ --input -
              leadcheck send --config leadcheck.yaml --destination https --count 6
              leadcheck send --config leadcheck.yaml --destination marketo --count 6

            With --config, any destination kind works: Dynamics, Marketo, Salesforce and Azure Table get
            their leads the way verify delivers them (sign-in included), with no read-back or cleanup.
            """
    )

    static let urlVariable = "LEADCHECK_SEND_URL"

    @Option(help: "Endpoint URL without secrets (else taken from \(urlVariable)).")
    var url: String?

    @Option(help: "leadcheck.yaml holding the endpoint (with --destination).")
    var config: String?

    @Option(help: "With --config: the https destination to send to.")
    var destination: String?

    @Option(name: .customLong("header"), help: "Extra header \"Name: value\" (repeatable; not for secrets).")
    var headers: [String] = []

    @Option(
        name: .customLong("header-env"),
        help: "Header whose value is read from the environment: \"Name=VARIABLE\" (repeatable).")
    var headerEnv: [String] = []

    @Option(help: "NDJSON lead records to send (- for standard input). Default: generate leads.")
    var input: String?

    @Option(help: "Requests in flight at once (1-256).")
    var concurrency: String = "4"

    @Flag(
        name: [.customShort("v"), .customLong("verbose")],
        help: "Print each request's and response's headers (secrets redacted).")
    var verbose = false

    @Flag(help: "Print each request as an equivalent curl command, secrets as $VARIABLE references.")
    var curl = false

    @Flag(help: "Print the summary as JSON on stdout.")
    var json = false

    @OptionGroup var generation: GenerationFlags
    @OptionGroup var wire: WireFlags
    @OptionGroup var transport: TransportFlags

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var redactor = Redactor()
        var curlRedactor = Redactor()

        let endpoint: String
        var configuredCase: JSONKeyCase?
        var configuredDefaults = LeadCheckConfig.Defaults()
        if let config {
            guard let destination else {
                throw LeadCheckError.invalidValue(
                    flag: "--destination", value: "", expected: "the name of an https destination in \(config)")
            }
            let loaded = try ConfigLoader.load(path: config, environment: environment)
            for warning in loaded.warnings { Terminal.printStderr("leadcheck: warning: \(warning)") }
            guard let chosen = loaded.destinations.first(where: { $0.name == destination }) else {
                throw LeadCheckError.invalidChoice(
                    flag: "--destination", value: destination, valid: loaded.destinations.map(\.name))
            }
            configuredDefaults = loaded.defaults
            // An endpoint whose leads land in another destination (`readback:`) is delivered like
            // the CRMs: journaled, so `cleanup --journal` removes them there.
            guard case .https(let https) = chosen.settings, https.readback == nil else {
                return try await deliver(to: chosen, config: loaded)
            }
            let secretURL = https.url
            configuredCase = https.payloadCase
            endpoint = secretURL.reveal()
            for secret in Redactor.secrets(inURL: endpoint, source: secretURL.source) { redactor.add(secret) }
            curlRedactor.add(secretURL)
        } else if let url {
            if Redactor.urlCarriesSecrets(url) {
                throw LeadCheckError.invalidValue(
                    flag: "--url", value: Redactor.redactPatternsOnly(url),
                    expected:
                        "a URL without secrets; pass a signed URL through the environment variable \(Self.urlVariable)"
                )
            }
            endpoint = url
        } else if let fromEnvironment = environment[Self.urlVariable], !fromEnvironment.isEmpty {
            endpoint = fromEnvironment
            for secret in Redactor.secrets(inURL: fromEnvironment, source: Self.urlVariable) { redactor.add(secret) }
            curlRedactor.add(Secret(fromEnvironment, source: Self.urlVariable))
        } else {
            throw LeadCheckError.invalidValue(
                flag: "--url", value: "",
                expected: "an endpoint: --url URL, or the environment variable \(Self.urlVariable)")
        }
        guard endpoint.lowercased().hasPrefix("http://") || endpoint.lowercased().hasPrefix("https://") else {
            throw LeadCheckError.invalidValue(
                flag: "--url", value: Redactor.redactPatternsOnly(endpoint), expected: "an http:// or https:// URL")
        }

        var headerFields = HTTPHeaders()
        for header in headers {
            guard let colon = header.firstIndex(of: ":"), colon != header.startIndex else {
                throw LeadCheckError.invalidValue(flag: "--header", value: header, expected: "\"Name: value\"")
            }
            let name = String(header[..<colon]).trimmingCharacters(in: .whitespaces)
            if Redactor.isCredentialHeader(name) {
                throw LeadCheckError.invalidValue(
                    flag: "--header", value: "\(name): …",
                    expected: "no credentials on the command line; use --header-env \"\(name)=VARIABLE\"")
            }
            headerFields.add(name, String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        for spec in headerEnv {
            let parts = spec.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw LeadCheckError.invalidValue(flag: "--header-env", value: spec, expected: "\"Name=VARIABLE\"")
            }
            guard let value = environment[parts[1]] else {
                throw LeadCheckError.invalidValue(
                    flag: "--header-env", value: spec,
                    expected: "an environment variable that is set (\(parts[1]) is not)")
            }
            let secret = Secret(value, source: parts[1])
            redactor.add(secret)
            curlRedactor.add(secret)
            headerFields.add(parts[0], value)
        }

        let concurrency = try Choice.parseInt(self.concurrency, flag: "--concurrency", range: 1...256)
        var options = try transport.options(concurrency: concurrency, defaults: configuredDefaults)
        // Traced bursts stay on one thread, so each exchange prints whole and in order.
        options.transferThreads =
            verbose || curl
            ? 1
            : TransportOptions.burstThreads(
                concurrency: concurrency, cores: ProcessInfo.processInfo.activeProcessorCount)
        if options.insecure { Terminal.printStderr("leadcheck: warning: TLS verification is off (--insecure)") }
        let wireOptions = try wire.wireOptions(
            leadSourceFormat: generation.leadSourceFormat, configuredCase: configuredCase)
        let client = try HTTPClient(options: options, redactor: redactor)
        let tracing =
            (verbose || curl)
            ? SendRunner.Tracing(
                verbose: verbose, curl: curl, redactor: redactor, curlRedactor: curlRedactor,
                emit: { Terminal.printStderr($0) })
            : nil
        let runner = SendRunner(
            client: client,
            target: SendRunner.Target(
                url: endpoint, headers: headerFields,
                encoder: HTTPSLeadEncoder(options: wireOptions.https, leadSourceFormat: wireOptions.leadSourceFormat)),
            concurrency: concurrency, tracing: tracing
        )

        // A capture (`leadcheck listen`) is replayed as it arrived: each body unchanged.
        if let input, input != "-", let records = try CaptureRecord.readAll(path: input) {
            let summary = await runner.replay(Array(records.prefix(generation.count ?? records.count)))
            client.shutdown()
            return try finish(
                summary, redactor: redactor,
                note:
                    "  replayed \(min(records.count, generation.count ?? records.count)) captured request(s) from \(input), each body as captured"
            )
        }
        let summary = try await feed(through: runner, options: try generationOptions())
        client.shutdown()
        try finish(summary, redactor: redactor)
    }

    /// The generation options, with a random run id unless one was given.
    func generationOptions() throws -> GenerationOptions {
        var options = try generation.generationOptions()
        if generation.runID == nil { options.runID = .random() }
        return options
    }

    /// Runs the leads of --input, or generated ones, through `runner`. Ctrl-C (SIGINT) stops
    /// feeding new leads; those in flight finish and the summary is still printed.
    func feed(through runner: some LeadFeedRunner, options: GenerationOptions) async throws -> SendSummary {
        let stop = LockedValue(false)
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { stop.value = true }
        source.resume()
        defer { source.cancel() }
        if let input {
            let limit = generation.count
            if input != "-", try CaptureRecord.readAll(path: input) != nil {
                // A capture's leads, delivered as Microsoft's connector would deliver them.
                var feed = StoppableFeed(
                    try CaptureLeadFeed(path: input, runID: options.runID, offer: options.offer, limit: limit),
                    stopWhen: stop)
                return try await runner.run(&feed)
            }
            var feed = StoppableFeed(try RecordLeadFeed(path: input, limit: limit), stopWhen: stop)
            return try await runner.run(&feed)
        }
        var feed = StoppableFeed(GeneratedLeadFeed(LeadGenerator(options: options)), stopWhen: stop)
        return try await runner.run(&feed)
    }

    /// Prints the summary and ends with its exit status.
    func finish(_ summary: SendSummary, redactor: Redactor, note: String? = nil) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(summary)
            print(redactor.redact(String(decoding: data, as: UTF8.self)))
        } else {
            print(redactor.redact(summary.text + (note.map { "\n" + $0 } ?? "")))
        }
        if summary.exitStatus != .passed { throw ExitCode(summary.exitStatus.rawValue) }
    }

    /// Delivers to a Dynamics, Marketo, Salesforce or Azure Table destination exactly as `verify`
    /// does, without read-back or cleanup.
    func deliver(to chosen: DestinationConfig, config: LeadCheckConfig) async throws {
        if !headers.isEmpty || !headerEnv.isEmpty || verbose || curl {
            throw LeadCheckError.invalidValue(
                flag: "--header/--header-env/-v/--curl", value: chosen.name,
                expected:
                    "these apply to https destinations without readback: only (deliveries that are journaled go exactly as verify sends them)"
            )
        }
        let concurrency = try Choice.parseInt(self.concurrency, flag: "--concurrency", range: 1...256)
        let builder = try DestinationBuilder(
            config: config, transport: try transport.options(concurrency: concurrency, defaults: config.defaults))
        let redactor = builder.redactor
        let client = builder.client
        let destination = try builder.make(chosen)
        let options = try generationOptions()
        let journalPath = RunJournal.defaultPath(runID: options.runID)
        let runner = DeliveryRunner(
            destination: destination, concurrency: concurrency, journal: try RunJournal(path: journalPath))
        let summary = try await feed(through: runner, options: options)
        client.shutdown()
        var notes: [String] = []
        if let usage = destination.usage { notes.append("  \(usage.text) used") }
        if summary.succeeded > 0 {
            notes.append(
                "  the leads stay in \(chosen.name); remove them with: leadcheck cleanup --config <file> --journal \(journalPath)"
            )
        }
        try finish(summary, redactor: redactor, note: notes.isEmpty ? nil : notes.joined(separator: "\n"))
    }
}
