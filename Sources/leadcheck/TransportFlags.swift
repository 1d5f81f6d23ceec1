import ArgumentParser
import Foundation
import LeadDestinations
import LeadModel
import LeadTransport

/// Flags for how leadcheck talks to servers, shared by every command that sends.
struct TransportFlags: ParsableArguments {
    @Flag(help: "Skip TLS certificate verification. Every report then carries a warning.")
    var insecure = false

    @Option(help: "PEM file of CA certificates to trust instead of the system store.")
    var cacert: String?

    @Option(
        name: .customLong("connect-timeout"),
        help:
            "Seconds allowed for DNS, TCP and TLS (else LEADCHECK_CONNECT_TIMEOUT, the config's defaults.connectTimeout, or 10).",
        transform: Milliseconds.secondsOption)
    var connectTimeout: Milliseconds?

    @Option(
        help:
            """
            Seconds allowed for a whole request (else LEADCHECK_TIMEOUT, the config's defaults.timeout, or\
             30); also how long one call may wait out a destination's throttling.
            """,
        transform: Milliseconds.secondsOption)
    var timeout: Milliseconds?

    @Option(name: .customLong("max-body"), help: "Largest response body accepted, in bytes, from 1024 to 1073741824.")
    var maxBody: Int = 10 << 20

    /// Refuses a `--max-body` outside its range while the arguments are parsed.
    func validate() throws {
        guard (1024...(1 << 30)).contains(maxBody) else {
            throw ValidationError("--max-body: \(maxBody) is not a number of bytes from 1024 to 1073741824")
        }
    }

    @Flag(
        name: .customLong("follow-redirects"),
        help: "Follow up to 5 redirects instead of reporting them (Authorization is dropped on a host change).")
    var followRedirects = false

    /// Validates the flags into transport options. Timeouts follow the README's precedence: the
    /// flag, else `LEADCHECK_CONNECT_TIMEOUT` / `LEADCHECK_TIMEOUT` (seconds), else the config's
    /// `defaults` (built-in defaults when there is no config).
    func options(
        concurrency: Int, defaults: LeadCheckConfig.Defaults = LeadCheckConfig.Defaults(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(LeadCheckError) -> TransportOptions {
        func milliseconds(_ flag: Milliseconds?, _ variable: String, fallback: Int) throws(LeadCheckError) -> Int {
            if let flag { return flag.value }
            if let value = environment[variable], !value.isEmpty {
                guard let span = Milliseconds.seconds(value) else {
                    throw .invalidNumber(
                        flag: variable, value: value,
                        expected: "a number of seconds from 0.001 to 3600, or a duration like 500ms")
                }
                return span.value
            }
            return fallback
        }
        if let cacert, !FileManagerCheck.isReadableFile(cacert) {
            throw LeadCheckError.inputUnreadable(
                path: cacert, reason: "the --cacert file does not exist or cannot be read")
        }
        return TransportOptions(
            connectTimeoutMilliseconds: try milliseconds(
                connectTimeout, "LEADCHECK_CONNECT_TIMEOUT", fallback: defaults.connectTimeoutMilliseconds),
            totalTimeoutMilliseconds: try milliseconds(
                timeout, "LEADCHECK_TIMEOUT", fallback: defaults.totalTimeoutMilliseconds),
            maxBodyBytes: maxBody,
            redirects: followRedirects ? .follow(maxHops: 5) : .fail,
            insecure: insecure, caFile: cacert, maxConcurrentTransfers: concurrency
        )
    }
}
