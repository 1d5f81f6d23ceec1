import LeadModel

/// What a `send` run did: counts by status and error code, latency percentiles, throughput.
public struct SendSummary: Sendable, Codable, Hashable {
    /// Where the leads went (redacted).
    public var url: String
    /// Requests made.
    public var sent: Int
    /// Responses with a 2xx status.
    public var succeeded: Int
    /// Every status seen (as text, so JSON keys stay keys), with its count.
    public var statuses: [String: Int]
    /// Every transport error code seen, with its count.
    public var errors: [String: Int]
    /// One example message per error code (redacted).
    public var errorExamples: [String: String]
    /// libcurl's total time per completed request, in microseconds: p50, p90, p99, max.
    public var latencyMicros: Percentiles?
    /// Wall-clock time of the whole run.
    public var seconds: Double
    /// The concurrency used.
    public var concurrency: Int

    /// Latency percentiles.
    public struct Percentiles: Sendable, Codable, Hashable {
        /// Median.
        public var p50: Int64
        /// 90th percentile.
        public var p90: Int64
        /// 99th percentile.
        public var p99: Int64
        /// Maximum.
        public var max: Int64

        /// Nearest-rank percentiles of unsorted samples; `nil` when there are none.
        public init?(_ samples: [Int64]) {
            guard !samples.isEmpty else { return nil }
            let sorted = samples.sorted()
            func rank(_ p: Double) -> Int64 {
                sorted[Swift.min(sorted.count - 1, Swift.max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
            }
            p50 = rank(0.50)
            p90 = rank(0.90)
            p99 = rank(0.99)
            self.max = sorted[sorted.count - 1]
        }
    }

    /// Requests per second over the run.
    public var requestsPerSecond: Double { seconds > 0 ? Double(sent) / seconds : 0 }

    /// 0 when every request got a 2xx; 3 when any could not complete; otherwise 4.
    public var exitStatus: ExitStatus {
        if errors.values.reduce(0, +) > 0 { return .runtime }
        if succeeded < sent || statuses.keys.contains(where: { Int($0) == nil && $0 != "accepted" }) {
            return .verificationFailed
        }
        return .passed
    }

    /// The human summary.
    public var text: String {
        var lines = [
            """
            sent \(sent) lead\(sent == 1 ? "" : "s") to \(url) in \(Self.format(seconds)) s\
             (\(Int(requestsPerSecond.rounded())) req/s, concurrency \(concurrency))
            """
        ]
        let numeric = statuses.compactMap { key, value in Int(key).map { ($0, value) } }
        let ok = numeric.filter { (200..<300).contains($0.0) }.sorted { $0.0 < $1.0 }
        lines.append(
            "  2xx: \(succeeded)"
                + (ok.isEmpty ? "" : " (" + ok.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + ")"))
        let other = numeric.filter { !(200..<300).contains($0.0) }.sorted { $0.0 < $1.0 }
        let refused = statuses.filter { Int($0.key) == nil && $0.key != "accepted" }.sorted { $0.key < $1.key }
        if numeric.isEmpty && !statuses.isEmpty {
            // A destination judged by its own rules (Marketo's success flag, Dataverse errors).
            lines[1] = "  accepted: \(succeeded)"
            lines.append(
                "  refused: "
                    + (refused.isEmpty ? "none" : refused.map { "\($0.key): \($0.value)" }.joined(separator: ", ")))
        } else {
            lines.append(
                "  other statuses: "
                    + (other.isEmpty ? "none" : other.map { "\($0.0): \($0.1)" }.joined(separator: ", ")))
        }
        if errors.isEmpty {
            lines.append("  errors: none")
        } else {
            lines.append(
                "  errors: "
                    + errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        }
        for (code, example) in errorExamples.sorted(by: { $0.key < $1.key }) { lines.append("    \(code): \(example)") }
        if let l = latencyMicros {
            lines.append(
                "  latency: p50 \(Self.millis(l.p50)) · p90 \(Self.millis(l.p90)) · p99 \(Self.millis(l.p99)) · max \(Self.millis(l.max))"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func millis(_ micros: Int64) -> String { "\(format(Double(micros) / 1000)) ms" }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return String(rounded)
    }
}
