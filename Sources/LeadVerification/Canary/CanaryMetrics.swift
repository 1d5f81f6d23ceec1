import Foundation

/// The canary's results in the Prometheus text exposition format, for node_exporter's textfile
/// collector: a `# HELP` and `# TYPE` line per metric, one sample per destination, label values
/// escaped as the format says (backslash, double quote, line feed) —
/// prometheus.io/docs/instrumenting/exposition_formats; the conformance stage parses it with the
/// Python prometheus-client.
public enum CanaryMetrics {
    /// The text for `results`, with last successes from `state`.
    public static func text(_ results: [CanaryResult], state: CanaryState) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ help: String, _ samples: [(labels: [(String, String)], value: String)]) {
            guard !samples.isEmpty else { return }
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) gauge")
            for sample in samples {
                let labels = sample.labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",")
                lines.append("\(name){\(labels)} \(sample.value)")
            }
        }
        metric(
            "leadcheck_canary_up", "1 when the destination took the canary lead and gave it back intact, else 0.",
            results.map { ([("destination", $0.destination), ("type", $0.type)], $0.up ? "1" : "0") })
        metric(
            "leadcheck_canary_duration_seconds", "How long the destination's canary check took.",
            results.map { ([("destination", $0.destination)], String(format: "%.3f", $0.durationSeconds)) })
        metric(
            "leadcheck_canary_api_calls", "API calls the destination's canary check made.",
            results.map { ([("destination", $0.destination)], "\($0.apiCalls)") })
        metric(
            "leadcheck_canary_last_success_timestamp_seconds",
            "When the destination last passed the canary (Unix time).",
            results.compactMap { result in
                state.destinations[result.destination]?.lastSuccess.map {
                    ([("destination", result.destination)], String(format: "%.0f", $0))
                }
            })
        metric(
            "leadcheck_tls_certificate_expiry_timestamp_seconds",
            "When the destination's TLS certificate expires (Unix time).",
            results.compactMap { result in
                result.certificateExpiry.map { ([("destination", result.destination)], "\($0)") }
            })
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
