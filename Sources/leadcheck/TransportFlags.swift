import ArgumentParser
import LeadCheck

/// Flags for how leadcheck talks to servers, shared by every command that sends.
struct TransportFlags: ParsableArguments {
    @Flag(help: "Skip TLS certificate verification. Every report then carries a warning.")
    var insecure = false

    @Option(help: "PEM file of CA certificates to trust instead of the system store.")
    var cacert: String?

    @Option(name: .customLong("connect-timeout"), help: "Seconds allowed for DNS, TCP and TLS (default 10).")
    var connectTimeout: String = "10"

    @Option(help: "Seconds allowed for a whole request (default 30); also how long one call may wait out a destination's throttling.")
    var timeout: String = "30"

    @Option(name: .customLong("max-body"), help: "Largest response body accepted, in bytes (default 10485760).")
    var maxBody: String = String(10 << 20)

    @Flag(name: .customLong("follow-redirects"), help: "Follow up to 5 redirects instead of reporting them (Authorization is dropped on a host change).")
    var followRedirects = false

    /// Validates the flags into transport options.
    func options(concurrency: Int) throws(LeadCheckError) -> TransportOptions {
        func seconds(_ value: String, _ flag: String) throws(LeadCheckError) -> Int {
            guard let number = Choice.plainDecimal(value), number >= 0.001, number <= 3600 else {
                throw .invalidNumber(flag: flag, value: value, expected: "a number of seconds from 0.001 to 3600")
            }
            return Int((number * 1000).rounded())
        }
        if let cacert, !FileManagerCheck.isReadableFile(cacert) {
            throw LeadCheckError.inputUnreadable(path: cacert, reason: "the --cacert file does not exist or cannot be read")
        }
        return TransportOptions(
            connectTimeoutMilliseconds: try seconds(connectTimeout, "--connect-timeout"),
            totalTimeoutMilliseconds: try seconds(timeout, "--timeout"),
            maxBodyBytes: try Choice.parseInt(maxBody, flag: "--max-body", range: 1024...(1 << 30)),
            redirects: followRedirects ? .follow(maxHops: 5) : .fail,
            insecure: insecure, caFile: cacert, maxConcurrentTransfers: concurrency
        )
    }
}
