import ArgumentParser
import Foundation
import LeadFiles
import LeadModel
import LeadSandbox
import LeadTransport
import LeadVerification

/// `leadcheck listen`: capture what really arrives — Partner Center's Validate lead, real leads —
/// byte for byte, answer as told or forward to the real flow, and say how it differs from
/// leadcheck's model of Microsoft's lead.
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract:
            "Record every request that arrives, byte for byte (NDJSON), answer as told or forward it; say how each differs from leadcheck's model.",
        discussion: """
            Point Partner Center's HTTPS endpoint at it (through a tunnel of your choice) and press Validate, or
            forward real deliveries to your flow while recording them. Each line of --output holds receivedAt,
            method, target (sig/code masked), headers in arrival order (credentials masked), body (exact text,
            or bodyBase64) and the answer given. --status 500 or --delay 40s shows what Microsoft's connector
            does with a failure or a slow endpoint: every attempt is recorded. `leadcheck send --input FILE`
            replays a capture.

            A forward URL that carries a signature comes from LEADCHECK_FORWARD_URL, never the command line.

            Examples:
              leadcheck listen --port 8080 --output validate.ndjson
              leadcheck listen --port 8080 --status 500 --output retries.ndjson
              LEADCHECK_FORWARD_URL='https://…/invoke?…&sig=…' leadcheck listen --port 8080 --output real.ndjson
            """
    )

    static let forwardVariable = "LEADCHECK_FORWARD_URL"

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port (0: a free one, printed).")
    var port = "0"

    @Option(help: "The NDJSON capture file (appended to; - for standard output).")
    var output = "capture.ndjson"

    @Option(help: "The status to answer when not forwarding (100-599).")
    var status = "202"

    @Option(help: "Wait this long before answering, e.g. 2s (0ms to 10m).")
    var delay = "0ms"

    @Option(
        name: .customLong("forward-to"),
        help: "Forward each request unchanged here and answer with its answer (else \(ListenCommand.forwardVariable)).")
    var forwardTo: String?

    @Flag(help: "Serve HTTPS with a CA generated now (--ca-file says where it is written).")
    var tls = false

    @Option(name: .customLong("ca-file"), help: "With --tls, where to write the CA certificate.")
    var caFile: String?

    @Option(name: .customLong("url-file"), help: "Write the listening base URL to this file once ready.")
    var urlFile: String?

    @OptionGroup var transport: TransportFlags

    func run() async throws {
        let port = try Choice.parseInt(self.port, flag: "--port", range: 0...65_535)
        let status = try Choice.parseInt(self.status, flag: "--status", range: 100...599)
        guard let delay = DurationText.milliseconds(delay, in: 0...600_000, bareUnit: 1) else {
            throw LeadCheckError.invalidValue(
                flag: "--delay", value: delay,
                expected: "a duration \(DurationText.describe(0...600_000)) like 2s or 500ms")
        }
        var redactor = Redactor()
        var forward: String?
        if let forwardTo {
            if Redactor.urlCarriesSecrets(forwardTo) {
                throw LeadCheckError.invalidValue(
                    flag: "--forward-to", value: Redactor.redactPatternsOnly(forwardTo),
                    expected: "a URL without secrets; put a signed URL in \(Self.forwardVariable)")
            }
            forward = forwardTo
        } else if let fromEnvironment = ProcessInfo.processInfo.environment[Self.forwardVariable],
            !fromEnvironment.isEmpty
        {
            forward = fromEnvironment
            for secret in Redactor.secrets(inURL: fromEnvironment, source: Self.forwardVariable) {
                redactor.add(secret)
            }
        }
        if let forward, !(forward.lowercased().hasPrefix("http://") || forward.lowercased().hasPrefix("https://")) {
            throw LeadCheckError.invalidValue(
                flag: "--forward-to", value: Redactor.redactPatternsOnly(forward),
                expected: "an http:// or https:// URL")
        }
        let client = try HTTPClient(options: try transport.options(concurrency: 8), redactor: redactor)
        let log = try CaptureLog(path: output)
        let exchange = Exchange(
            forward: forward, status: status, client: client, log: log, redactor: redactor, linesToStderr: output == "-"
        )
        let server = CaptureServer(host: host, port: port, tls: tls, caFile: caFile, delayMilliseconds: delay) {
            request in await exchange.handle(request)
        }
        try await server.run { url in
            Terminal.printStderr(
                "leadcheck listen: \(url) (recording to \(output == "-" ? "standard output" : output))")
            if let urlFile { try? OutputFile.write(url + "\n", to: urlFile) }
        }
        client.shutdown()
    }

    /// What happens to each request: wait, answer or forward, record, print a line.
    struct Exchange: Sendable {
        let forward: String?
        let status: Int
        let client: HTTPClient
        let log: CaptureLog
        let redactor: Redactor
        let linesToStderr: Bool

        func handle(_ request: CapturedRequest) async -> CapturedAnswer {
            var forwardError: String?
            var answer = CapturedAnswer(status: status)
            if let forward {
                do { answer = try await ListenCommand.forward(request, to: forward, client: client) } catch {
                    // The receiver never answered: the sender gets a 502 and the capture says why,
                    // so it does not read as the flow's own answer.
                    forwardError = redactor.redact(error.message)
                    answer = CapturedAnswer(
                        status: 502, headers: [["Content-Type", "application/json"]],
                        body: Array(#"{"error":"leadcheck listen could not forward the request"}"#.utf8))
                }
            }
            let record = CaptureRecord(
                receivedAt: LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).iso8601,
                method: request.method,
                target: redactor.redact(request.target), headers: masked(request.headers), bytes: request.body,
                answer: .init(
                    status: answer.status, headers: masked(answer.headers), bytes: answer.body,
                    forwardedTo: forward.map { redactor.redact($0) }, forwardError: forwardError))
            let analysis = CaptureAnalysis.describe(contentType: request.header("Content-Type"), body: request.body)
            var line = "\(request.method) \(record.target) → \(answer.status): \(analysis)"
            if let forwardError { line += " (not forwarded: \(forwardError))" }
            do { try await log.append(record) } catch {
                // Unrecorded means lost to the user: without a forward the sender is told to try
                // again (503); with one, the receiver already has it and its answer stands.
                line += " — NOT RECORDED: \(error.message)"
                if forward == nil { answer = CapturedAnswer(status: 503) }
            }
            line = redactor.redact(line)
            if linesToStderr { Terminal.printStderr(line) } else { Terminal.printStdout(line) }
            return answer
        }

        /// Headers as the capture may hold them: credential-bearing ones keep only their scheme,
        /// every value is redacted (a forward URL's signature in a `Location`, say).
        func masked(_ headers: [[String]]) -> [[String]] {
            headers.map { header in
                header.count == 2 ? [header[0], redactor.redactHeader(name: header[0], value: header[1])] : header
            }
        }
    }

    /// The request sent on unchanged (method, headers but those of the hop, body) and the answer.
    static func forward(_ request: CapturedRequest, to url: String, client: HTTPClient) async throws(TransportError)
        -> CapturedAnswer
    {
        var headers = HTTPHeaders()
        for header in request.headers
        where header.count == 2 && !CaptureRecord.hopHeaders.contains(header[0].lowercased()) {
            headers.add(header[0], header[1])
        }
        let body: HTTPRequestBody =
            request.body.isEmpty && request.header("Content-Type") == nil
            ? .none : .bytes(request.body, contentType: request.header("Content-Type") ?? "application/octet-stream")
        let response = try await client.send(
            HTTPRequest(method: request.method, url: url, headers: headers, body: body))
        return CapturedAnswer(
            status: response.status, headers: response.headers.map { [$0.name, $0.value] }, body: response.body)
    }
}
