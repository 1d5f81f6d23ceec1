import Foundation
import LeadFlowFiles
import LeadFlows
import LeadModel
import LeadTransport
import LeadWire

/// An HTTPS endpoint, sent the documented JSON exactly as Microsoft's connector sends it
/// (docs/reference/https-endpoint.md); any 2xx is acceptance. A generic endpoint has no read API, so read-back
/// happens only when an inspection URL is configured (the sandbox's), otherwise delivery is the
/// whole proof: `readsBack` is false and every report says the destination was checked by
/// delivery only.
public struct HTTPSDestination: LeadDestination {
    /// The configured name.
    public let name: String
    /// HTTPS endpoint.
    public var kind: DestinationKind { .https }
    let url: Secret
    let inspectionURL: String?
    /// Where the endpoint's flow stores leads, when configured (`readback: NAME`): read back,
    /// removed and looked up by email there.
    let readbackDestination: (any LeadReadingBack & LeadRemoving & StoredEmailLookup)?
    /// How long to poll for the stored lead: flows store asynchronously.
    let readbackTimeoutMilliseconds: Int
    let client: HTTPClient
    let encoder: HTTPSLeadEncoder
    /// The flow's definition, when configured (`flow: FILE`).
    let flow: [FlowDocument]
    /// Where the flow's runs are read (`run:`).
    let runs: FlowRunReader?
    /// The run each delivered lead started, by marker, when the trigger said
    /// (`x-ms-workflow-run-id`, docs/reference/flows.md §1).
    let runIDs = LockedValue<[String: String]>([:])
    let facts = LockedValue<ConnectionFacts?>(nil)
    /// When the run began (its preflight): blank records stored since then are this run's.
    let started = LockedValue(LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))

    /// Creates the destination.
    public init(
        name: String, url: Secret, inspectionURL: String?,
        readbackDestination: (any LeadReadingBack & LeadRemoving & StoredEmailLookup)? = nil,
        readbackTimeoutMilliseconds: Int = 10_000, client: HTTPClient, wire: WireOptions = WireOptions(),
        flow: [FlowDocument] = [], run: FlowRunSettings? = nil
    ) {
        runs = run.map { FlowRunReader(settings: $0, destination: name, client: client) }
        self.name = name
        self.url = url
        self.inspectionURL = inspectionURL
        self.readbackDestination = readbackDestination
        self.readbackTimeoutMilliseconds = readbackTimeoutMilliseconds
        self.client = client
        encoder = HTTPSLeadEncoder(options: wire.https, leadSourceFormat: wire.leadSourceFormat)
        self.flow = flow
    }

    /// The static check of the flow (`leadcheck flow check`), against leads in the casing this
    /// destination sends.
    public func configurationFindings() -> [Finding] {
        guard !flow.isEmpty else { return [] }
        let checker = FlowChecker(payloads: FlowPayload.microsoft(keyCase: encoder.options.keyCase))
        return checker.check(flow).map { $0.finding(destination: name) }
    }

    /// The payload's values: the lead source as this payload carries it (the source alone by
    /// default, docs/reference/https-endpoint.md §1), action and offer in their own keys.
    public func delivered(_ lead: Lead) -> [LeadField: String] {
        LeadField.common(lead, leadSource: encoder.leadSourceValue(lead), actionAndOffer: true)
    }

    /// Where the flow stored it (`readback:`), else the payload key in the casing sent.
    public func column(of field: LeadField) -> String {
        if let readbackDestination { return "\(readbackDestination.column(of: field)) in \(readbackDestination.name)" }
        let pascal = field.customerField.map { "UserDetails.\($0.rawValue)" } ?? field.rawValue
        guard encoder.options.keyCase == .camel else { return pascal }
        return pascal.split(separator: ".").map { $0.prefix(1).lowercased() + $0.dropFirst() }.joined(separator: ".")
    }

    /// Whether `run:` is configured.
    public var followsRuns: Bool { runs != nil }

    /// The casing sent.
    public var payloadCase: JSONKeyCase? { encoder.options.keyCase }

    /// What the preflight's HEAD measured.
    public var connectionFacts: ConnectionFacts? { facts.value }

    /// Whether stored leads are read back (through a sandbox inspection API or `readback:`).
    public var readsBack: Bool { inspectionURL != nil || readbackDestination != nil }

    /// The lead as stored wherever the endpoint puts it, polled with backoff (50 ms doubling to
    /// 1 s) until found or the read-back timeout.
    public func find(marker: String) async -> ReadBack {
        var backoff = Backoff(
            first: .milliseconds(50), maximum: .seconds(1), deadline: .now + .milliseconds(readbackTimeoutMilliseconds))
        while true {
            let result = await findOnce(marker: marker)
            guard case .missing = result else { return result }
            guard await backoff.wait() else { return await explainMissing(marker: marker) ?? result }
        }
    }

    /// A lead whose marker is stored nowhere while unmarked records appeared where the flow
    /// writes (azure-docs #70738, "Leads coming through blank"): says which of three causes the
    /// records show — the flow reads the lead's keys in another casing, reads none of the lead's
    /// keys, or keeps the lead's values but neither email nor Description, where the marker travels.
    func explainMissing(marker: String) async -> ReadBack? {
        let since = started.value
        let unmarked =
            if let readbackDestination { await readbackDestination.unmarkedRecords(since: since) } else {
                await unmarkedRecords(since: since)
            }
        guard let unmarked, unmarked.blank + unmarked.withValues > 0 else { return nil }
        let place = readbackDestination?.name ?? "the endpoint's store"
        let sent = encoder.options.keyCase
        let keys = "userDetails.firstName, userDetails.email, leadSource, actionCode, offerTitle, description"
        guard unmarked.blank > 0 else {
            return .missing(
                Finding(
                    code: .readbackBlank, destination: name, lead: marker,
                    message:
                        """
                        no record carries \(marker), but \(unmarked.withValues)\
                         record\(unmarked.withValues == 1 ? "" : "s") with the lead's values and no marker\
                         appeared in \(place) during the run: the flow stores neither the email nor the\
                         description, where leadcheck's marker travels, so leadcheck cannot find its leads
                        """,
                    hint:
                        """
                        Store the lead's email (userDetails.email) or description in the flow's record —\
                         Microsoft's Validate lead carries its MSFT_TEST_ marker there too — or read back\
                         (readback:) through a destination the flow writes both to.
                        """,
                    evidence: "sent \(sent.label); records without a marker are not removed"))
        }
        let fields = (CustomerField.allCases.map(\.rawValue) + ["Description"]).joined(separator: ", ")
        let found =
            """
            no record carries \(marker), but \(unmarked.blank) record\(unmarked.blank == 1 ? "" : "s") with\
             \(fields) all blank appeared in \(place) during the run
            """
        let message: String
        let hint: String
        switch blankCause(unmarked, sent: sent) {
        case .casing(let written):
            message =
                "\(found): the flow reads the lead's keys in another casing than the \(sent.rawValue)Case payload has (\(written))"
            hint =
                sent == .camel
                ? """
                Microsoft's connector sends camelCase keys (\(keys)), not the docs' PascalCase schema: make\
                 the flow read those keys — in expressions, triggerBody()?['userDetails']?['firstName'] — or\
                 regenerate its schema from a camelCase sample.
                """
                : """
                This run sent the docs' PascalCase keys (--https-case pascal / payloadCase: pascal), but the\
                 flow reads other keys. Note that Microsoft's connector sends camelCase\
                 (userDetails.firstName, leadSource, …): a flow must read those.
                """
        case .nothing(let written):
            message =
                "\(found): the flow stores nothing of the lead — it reads none of the keys Microsoft sends\(written.map { " (it wrote \($0))" } ?? "")"
            hint =
                """
                Hand the lead to the action that stores it: Microsoft's connector sends \(keys) — in\
                 expressions, triggerBody()?['userDetails']?['email'] — or pass triggerBody() whole.
                """
        case .unknown:
            message = "\(found): the flow reads keys the \(sent.rawValue)Case payload does not have"
            hint =
                """
                Microsoft's connector sends \(keys) (camelCase): make the flow's actions read those keys — in\
                 expressions, triggerBody()?['userDetails']?['firstName'] — and check its run history.
                """
        }
        return .missing(
            Finding(
                code: .readbackBlank, destination: name, lead: marker, message: message, hint: hint,
                evidence: "sent \(sent.label); blank records are not removed (they carry no marker)"))
    }

    /// Why a flow stored blank records, as far as its definition (`flow:`) or the records' own
    /// keys tell.
    enum BlankCause: Equatable {
        case casing(String)
        case nothing(String?)
        case unknown
    }

    func blankCause(_ unmarked: UnmarkedRecords, sent: JSONKeyCase) -> BlankCause {
        if !flow.isEmpty {
            let issues = FlowChecker(payloads: FlowPayload.microsoft(keyCase: sent)).check(flow)
            if issues.contains(where: { $0.code == .flowKeepsNothing }) { return .nothing(nil) }
            if let casing = issues.first(where: { $0.code == .flowKeyCasing }) {
                return .casing(casing.message.components(separatedBy: "; Microsoft sends").first ?? "")
            }
            return .unknown
        }
        guard let paths = unmarked.keyPaths else { return .unknown }
        let leadKeys = unmarked.leadKeys(sent: sent)
        if leadKeys.isEmpty {
            return .nothing(
                paths.isEmpty ? "records with no key at all" : paths.sorted().prefix(6).joined(separator: ", "))
        }
        let miscased = leadKeys.filter { !$0.asSent }.map(\.key)
        return miscased.isEmpty
            ? .unknown : .casing("it wrote " + Array(Set(miscased)).sorted().prefix(6).joined(separator: ", "))
    }

    /// Looked up where the endpoint's flow writes (`readback:`).
    public func storedEmails(among emails: [String]) async -> EmailPresence {
        guard let readbackDestination else {
            return .unsupported(
                "an HTTPS endpoint has no read API: set readback: to the destination its flow writes to")
        }
        return await readbackDestination.storedEmails(among: emails)
    }

    /// Records the sandbox's sink stored since `since` without a marker, with the keys the blank
    /// ones hold (the sink keeps a flow's spelling).
    public func unmarkedRecords(since: LeadTimestamp) async -> UnmarkedRecords? {
        guard let inspectionURL,
            let response = try? await client.send(HTTPRequest(url: "\(inspectionURL)/leads?destination=https")),
            response.isSuccess,
            let leads = JSONValue.decode([InspectionLead].self, from: response.body)
        else { return nil }
        var tally = UnmarkedRecords(keyPaths: [])
        for lead in leads where lead.marker == nil && (lead.storedAt ?? "") >= since.iso8601 {
            let body = lead.body ?? [:]
            let values = Self.leaves(of: .object(body))
            if values.values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                tally.blank += 1
                tally.keyPaths?.formUnion(values.keys)
            } else {
                tally.withValues += 1
            }
        }
        return tally
    }

    /// The string (or null, as "") leaves of a stored record by dotted key path.
    static func leaves(of value: JSONValue, prefix: String = "") -> [String: String] {
        switch value {
        case .object(let members):
            var out: [String: String] = [:]
            for (key, member) in members {
                out.merge(leaves(of: member, prefix: prefix.isEmpty ? key : "\(prefix).\(key)")) { $1 }
            }
            return out
        case .null: return prefix.isEmpty ? [:] : [prefix: ""]
        case .string(let text): return [prefix: text]
        default: return [prefix: value.text]
        }
    }

    private func findOnce(marker: String) async -> ReadBack {
        if let readbackDestination {
            switch await readbackDestination.find(marker: marker) {
            case .missing:
                return .missing(
                    Finding(
                        code: .readbackMissing, destination: name, lead: marker,
                        message: "the endpoint acknowledged the lead but it never reached \(readbackDestination.name)",
                        hint:
                            "A 2xx is not proof: check the run history of the flow behind the endpoint, and that it writes to \(readbackDestination.name)."
                    ))
            case let other: return other
            }
        }
        return await readBackFromInspection(marker: marker)
    }

    /// Checks the endpoint without sending a lead: a HEAD on a fresh connection shows DNS, connect
    /// and TLS failures once for the destination, and warns when the certificate expires within
    /// 30 days or the server's clock is far off. Any HTTP status is fine here; only delivery judges.
    public func preflight() async -> [Finding] {
        // One second back: stored timestamps are whole seconds.
        started.withLock { $0 = LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) - 1) }
        do {
            let response = try await client.send(HTTPRequest(method: "HEAD", url: url.reveal(), freshConnection: true))
            facts.withLock { if $0 == nil { $0 = response.connectionFacts } }
            return TLSWarnings.expiry(response.tls, destination: name) + ClockCheck.skew(response, destination: name)
                + (await runs?.signIn() ?? [])
        } catch {
            return [
                TransportFindings.finding(error, destination: name, lead: nil, action: "connecting to the endpoint")
            ]
        }
    }

    /// The marker: how the stored copy is found.
    public func receipt(for lead: Lead) -> Receipt { .marker(lead.marker) }

    /// POSTs the lead. With `run:` the request also carries `x-ms-client-tracking-id` (the
    /// marker), which names the run it starts (docs/reference/flows.md §1 [DOC]); Microsoft's connector sends no
    /// such header, so it is sent only when the run is to be found.
    public func deliver(_ lead: Lead) async -> Delivery {
        let headers: HTTPHeaders = runs == nil ? HTTPHeaders() : ["x-ms-client-tracking-id": lead.marker]
        let request = HTTPRequest(
            method: "POST", url: url.reveal(), headers: headers,
            body: .bytes(encoder.encode(lead), contentType: "application/json; charset=utf-8"))
        do {
            let response = try await client.send(request)
            if response.isSuccess {
                if runs != nil, let run = response.headers["x-ms-workflow-run-id"], !run.isEmpty {
                    runIDs.withLock { $0[lead.marker] = run }
                }
                return .accepted(receipt: receipt(for: lead))
            }
            let excerpt = client.redactor.redact(String(response.text.prefix(300)))
            let refusal = TriggerRefusal(status: response.status, body: response.body, url: url.reveal())
            return .failed([
                Finding(
                    code: refusal.code, destination: name, lead: lead.marker, message: refusal.message,
                    hint: refusal.hint, evidence: excerpt)
            ])
        } catch {
            return .failed([
                TransportFindings.finding(error, destination: name, lead: lead.marker, action: "posting the lead")
            ])
        }
    }

    /// Reads back through the configured destination or the sandbox; with neither, delivery is
    /// the whole proof.
    public func readBack(_ lead: Lead, receipt: Receipt) async -> ReadBack {
        if let runs {
            // The run first: a failed run stores nothing worth comparing.
            let runID = runIDs.withLock { $0.removeValue(forKey: lead.marker) }
            let findings = await runs.check(
                marker: lead.marker, runID: runID, timeout: .milliseconds(runs.settings.timeoutMilliseconds))
            if !findings.isEmpty { return .failed(findings) }
        }
        guard readsBack else { return .found([:]) }
        return await find(marker: lead.marker)
    }

    /// What the sandbox's sink stored for a marker.
    private func readBackFromInspection(marker receipt: String) async -> ReadBack {
        guard let inspectionURL else { return .found([:]) }
        do {
            let response = try await client.send(
                HTTPRequest(url: "\(inspectionURL)/leads?destination=https&marker-prefix=\(receipt)"))
            guard response.isSuccess, let leads = JSONValue.decode([InspectionLead].self, from: response.body) else {
                return .failed([
                    Finding(
                        code: .readbackFailed, destination: name, lead: receipt,
                        message: "the inspection API answered HTTP \(response.status)",
                        hint: "Check the sandbox's inspection URL.")
                ])
            }
            guard let body = leads.first(where: { $0.marker == receipt })?.body else {
                return .missing(
                    Finding(
                        code: .readbackMissing, destination: name, lead: receipt,
                        message: "the endpoint acknowledged the lead but did not store it",
                        hint: "A 2xx is not proof: check that the flow behind the endpoint stores the lead."))
            }
            func camel(_ key: String) -> String { key.prefix(1).lowercased() + key.dropFirst() }
            let user = (body["UserDetails"] ?? body["userDetails"])?.object ?? [:]
            var stored: [LeadField: String?] = [:]
            for field in [LeadField.description, .leadSource, .actionCode, .offer] {
                stored.updateValue((body[field.rawValue] ?? body[camel(field.rawValue)])?.string, forKey: field)
            }
            for field in CustomerField.allCases {
                stored.updateValue(
                    (user[field.rawValue] ?? user[camel(field.rawValue)])?.string,
                    forKey: LeadField(rawValue: field.rawValue)!)
            }
            return .found(stored)
        } catch {
            return .failed([
                TransportFindings.finding(error, destination: name, lead: receipt, action: "reading the lead back")
            ])
        }
    }

    /// Deletes the sandbox's stored copies by marker prefix; a real endpoint keeps none of ours.
    public func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding]) {
        guard let inspectionURL else { return (0, []) }
        let prefix = markerPrefix.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? markerPrefix
        do {
            let response = try await client.send(
                HTTPRequest(method: "DELETE", url: "\(inspectionURL)/leads?destination=https&marker-prefix=\(prefix)"))
            let removed = JSONValue.decode(InspectionLead.Deletion.self, from: response.body)?.deleted ?? 0
            return response.isSuccess
                ? (removed, [])
                : (
                    0,
                    [
                        Finding(
                            code: .cleanupFailed, destination: name,
                            message: "the inspection API answered HTTP \(response.status)", hint: "Check the sandbox.")
                    ]
                )
        } catch {
            return (
                0,
                [
                    TransportFindings.finding(error, destination: name, lead: nil, action: "deleting test leads").with(
                        code: .cleanupFailed)
                ]
            )
        }
    }

    /// Deletes the stored copy: where the flow wrote it (`readback:`), or through the sandbox's
    /// inspection API (a real endpoint keeps no copy of ours).
    public func remove(marker: String, receipt: Receipt) async -> Removal {
        if let readbackDestination {
            // Exactly this marker: followed by a space (Description) or "@" (the email), never
            // a longer marker that starts with it (`_1` and `_12`).
            var removed = 0
            var problems: [Finding] = []
            for boundary in [" ", "@"] {
                let (count, found) = await readbackDestination.removeAll(markerPrefix: marker + boundary)
                removed += count
                problems += found
            }
            if problems.contains(where: { $0.severity == .error }) {
                return .failed(problems.filter { $0.severity == .error })
            }
            if removed > 0 { return .removed(removed) }
            // A warning is the read-back destination saying it cannot search this way (Marketo
            // has no prefix search): not "nothing stored".
            if let cannot = problems.first { return .notKept(cannot.message) }
            return .notFound
        }
        guard let inspectionURL else {
            return .notKept(
                "the endpoint's flow stores leads where leadcheck cannot see them; name that store with readback: to compare and remove them"
            )
        }
        do {
            let response = try await client.send(
                HTTPRequest(method: "DELETE", url: "\(inspectionURL)/leads?destination=https&marker=\(marker)"))
            guard response.isSuccess else {
                return .failed([
                    Finding(
                        code: .cleanupFailed, destination: name, lead: marker,
                        message: "deleting the stored test lead answered HTTP \(response.status)",
                        hint: "Remove it with leadcheck cleanup.")
                ])
            }
            let deleted = JSONValue.decode(InspectionLead.Deletion.self, from: response.body)?.deleted ?? 0
            return deleted > 0 ? .removed(deleted) : .notFound
        } catch {
            return .failed([
                TransportFindings.finding(error, destination: name, lead: marker, action: "deleting the test lead")
                    .with(code: .cleanupFailed)
            ])
        }
    }

    /// A flow writes where `readback:` points after answering 202, so a lead may appear there
    /// until the read-back timeout (docs/reference/flows.md §1); the sandbox's own copy is stored at once.
    public var visibilityWindow: Duration {
        readbackDestination == nil ? .zero : .milliseconds(readbackTimeoutMilliseconds)
    }

    /// Every request this destination sent (deliveries and the sandbox's inspection API; the
    /// `readback:` destination counts its own).
    public var apiCalls: Int { client.requestCount }
}
