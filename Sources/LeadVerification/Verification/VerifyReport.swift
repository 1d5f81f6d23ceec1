import Foundation
import LeadModel
import LeadWire

/// Everything a run found, in the versioned results schema every other report format is made
/// from (`docs/results.md`).
public struct VerifyReport: Sendable, Codable {
    /// The schema version of this document.
    public var schemaVersion = 1
    /// The run id in every marker.
    public var runId: String
    /// The seed that replays the leads.
    public var seed: String
    /// The offer.
    public var offer: Offer
    /// Start, UTC.
    public var startedAt: String
    /// Wall time.
    public var durationSeconds: Double
    /// `passed`, `failed` (a destination answered wrongly) or `error` (one could not be reached).
    public var verdict: String
    /// The destinations verified.
    public var destinations: [DestinationSummary]
    /// The leads sent.
    public var leads: [LeadSummary]
    /// One result per destination × lead.
    public var results: [LeadResult]
    /// Findings not tied to one lead (preflight) plus every lead's, in order.
    public var findings: [Finding]
    /// `K/N` when this is one shard of a run (`verify --shard`); absent for a whole run.
    public var shard: String?

    /// A destination as reported.
    public struct DestinationSummary: Sendable, Codable {
        /// Its name.
        public var name: String
        /// Its kind.
        public var kind: DestinationKind
        /// Whether stored leads were read back and compared; false means a pass only proves the
        /// destination accepted the delivery.
        public var readsBack: Bool
        /// What the run spent of the destination's daily allowance (Salesforce Web-to-Lead);
        /// absent where there is none.
        public var usage: QuotaUsage?
        /// HTTP requests the run made to this destination (tokens, deliveries, read-backs,
        /// removals): what it spent of the service's API allowance. Absent in older documents.
        public var apiCalls: Int?
        /// The preflight's fresh connection: libcurl phase timings and the certificate; absent
        /// when it could not connect.
        public var connection: ConnectionFacts?
        /// The JSON key casing sent (HTTPS endpoints): `camel`, as Microsoft sends it, or
        /// `pascal`, the docs' schema; absent for other kinds.
        public var payloadCase: JSONKeyCase?
        /// Whether each lead's run in the flow behind an HTTPS endpoint was followed to its end
        /// (`run:`); absent when not.
        public var followsRuns: Bool?
    }

    /// A lead as reported.
    public struct LeadSummary: Sendable, Codable {
        /// The marker.
        public var marker: String
        /// `Source-Action`.
        public var pair: String
        /// Whether Microsoft documents the pair.
        public var documented: Bool
        /// The variant (with limit edge).
        public var variant: String
        /// The locale.
        public var locale: String
        /// `true` when the pair's source is retired (Test Drive); absent otherwise.
        public var deprecated: Bool?
        /// Where the lead's shape comes from: documented, a third-party report, or inferred.
        public var evidence: String?
    }

    /// The exit status: 3 when anything was unreachable, 4 when a destination answered wrongly
    /// (or, with `strict`, when there are warnings), else 0.
    public func exitStatus(strict: Bool) -> ExitStatus {
        let errors = findings.filter { $0.severity == .error }
        if errors.contains(where: { $0.code.isReachability }) { return .runtime }
        if !errors.isEmpty { return .verificationFailed }
        if strict && !findings.isEmpty { return .verificationFailed }
        return .passed
    }

    /// Sets `verdict` from the findings: `error`, `failed` or `passed` (warnings do not count).
    public mutating func recomputeVerdict() {
        verdict =
            switch exitStatus(strict: false) {
            case .runtime: "error"
            case .verificationFailed: "failed"
            default: "passed"
            }
    }

    /// Reads a results document (any version-1 JSON `verify --json` wrote).
    public static func decode(_ data: Data, file: String) throws(LeadCheckError) -> VerifyReport {
        struct Version: Decodable { var schemaVersion: Int? }
        do {
            // The version first: a newer document gets a clear answer, not a missing-field one.
            switch try JSONDecoder().decode(Version.self, from: data).schemaVersion {
            case nil:
                throw LeadCheckError.invalidInput(
                    location: file, reason: "not a leadcheck results document: 'schemaVersion' is missing")
            case 1?: return try JSONDecoder().decode(VerifyReport.self, from: data)
            case let version?:
                throw LeadCheckError.invalidInput(
                    location: file,
                    reason: "schemaVersion \(version) is newer than this leadcheck reads (1); use a newer leadcheck")
            }
        } catch let error as LeadCheckError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidInput(
                location: file,
                reason:
                    "not a leadcheck results document: '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))' is missing"
            )
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let
            DecodingError.dataCorrupted(context)
        {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .invalidInput(
                location: file,
                reason:
                    "not a leadcheck results document\(path.isEmpty ? "" : " at '\(path)'"): \(context.debugDescription)"
            )
        } catch {
            throw .invalidInput(location: file, reason: "not a leadcheck results document")
        }
    }

    /// The report as pretty JSON.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// `39 API calls, 1.08 per lead checked` for a destination; nil when not counted.
    public func apiCallsText(_ destination: DestinationSummary) -> String? {
        guard let calls = destination.apiCalls else { return nil }
        let checked = results.filter { $0.destination == destination.name && $0.status != .skipped }.count
        let perLead = checked == 0 ? "" : String(format: ", %.2f per lead checked", Double(calls) / Double(checked))
        return "\(calls) API call\(calls == 1 ? "" : "s")\(perLead)"
    }
}
