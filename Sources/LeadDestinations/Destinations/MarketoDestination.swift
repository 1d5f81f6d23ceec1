import Foundation
import LeadModel
import LeadTransport
import LeadWire

/// Marketo, written as docs/reference/marketo.md describes: an identity token (client credentials)
/// reused until it expires and renewed once on 601/602; the lead delivered with Submit Form
/// (default, [INF] today's connector) or Sync Leads; success judged by `success` and each
/// record's `status`, never the HTTP status (Marketo answers errors with 200); read back by
/// email; deleted by id. leadcheck keeps itself under 100 calls per 20 s and 10 concurrent, and
/// waits out 606/615 within the call's retry budget.
public struct MarketoDestination: LeadDestination {
    /// The configured name.
    public let name: String
    /// Marketo.
    public var kind: DestinationKind { .marketo }
    /// Always: leads are read back by email.
    public var readsBack: Bool { true }
    let settings: MarketoSettings
    let client: HTTPClient
    let encoder: MarketoLeadEncoder
    let tokens: TokenCache
    let session: BearerSession
    let facts = LockedValue<ConnectionFacts?>(nil)

    /// What the preflight's first API call measured on a fresh connection.
    public var connectionFacts: ConnectionFacts? { facts.value }

    /// The REST name of each customer field leadcheck sends and reads.
    static let restNames = MarketoFields.customer.map {
        (rest: "\($0.name)", field: LeadField(rawValue: $0.field.rawValue)!)
    }

    /// Creates the destination; its calls keep to Marketo's documented limits.
    public init(name: String, settings: MarketoSettings, client: HTTPClient, wire: WireOptions = WireOptions()) {
        self.name = name
        self.settings = settings
        self.client = client
        var options = wire.marketo
        options.formID = settings.formID
        options.mode = settings.mode
        options.leadSourceField = settings.leadSourceField
        encoder = MarketoLeadEncoder(options: options, leadSourceFormat: wire.leadSourceFormat)
        let budget = Duration.milliseconds(client.options.totalTimeoutMilliseconds)
        let request = Self.tokenRequest(settings)
        tokens = TokenCache { [client, name] in
            await Self.fetchToken(request, client: client, budget: budget, destination: name)
        }
        session = BearerSession(client: client, tokens: tokens, retryBudget: budget, gate: MarketoCallGate())
    }

    // MARK: Requests (pure)

    /// The identity call, POSTed as a form so the secret stays out of URLs (docs/reference/marketo.md §2 allows POST).
    static func tokenRequest(_ settings: MarketoSettings) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: "\(settings.baseURL)/identity/oauth/token", headers: ["Accept": "application/json"],
            body: .form([
                .init("grant_type", "client_credentials"), .init("client_id", settings.clientID),
                .init("client_secret", settings.clientSecret.reveal()),
            ]))
    }

    /// A REST call with the token in the header (the query parameter is being removed, docs/reference/marketo.md §2).
    static func rest(
        _ method: String, _ settings: MarketoSettings, _ path: String, token: String, body: HTTPRequestBody = .none
    ) -> HTTPRequest {
        HTTPRequest(
            method: method, url: "\(settings.baseURL)/rest/v1/\(path)",
            headers: ["Accept": "application/json", "Authorization": "Bearer \(token)"], body: body)
    }

    /// The fields read back.
    static func readFields(leadSourceField: String) -> String {
        (["id"] + restNames.map(\.rest) + [leadSourceField]).joined(separator: ",")
    }

    /// `leads.json?filterType=email&filterValues=…&fields=…`.
    static func readPath(email: String, leadSourceField: String) -> String {
        "leads.json?filterType=email&filterValues=\(QueryLiteral.urlComponent(email))&fields=\(readFields(leadSourceField: leadSourceField))"
    }

    /// Up to 300 emails in one read (docs/reference/marketo.md: "Up to 300 values"), posted with
    /// `_method=GET` because so many exceed the 8 KB URI limit (→ 414; the documented workaround).
    static func batchReadBody(emails: [String], leadSourceField: String) -> HTTPRequestBody {
        .form([
            .init("filterType", "email"), .init("filterValues", emails.joined(separator: ",")),
            .init("fields", readFields(leadSourceField: leadSourceField)),
        ])
    }

    /// `{"input":[{"id":1},…]}`.
    static func deleteBody(_ ids: [Int64]) -> [UInt8] {
        Array("{\"input\":[\(ids.map { "{\"id\":\($0)}" }.joined(separator: ","))]}".utf8)
    }

    // MARK: Answers

    /// 601/602 renew the token; 606/615 (rate, concurrency) and 608 (unavailable) wait.
    static func verdict(_ response: HTTPResponse) -> CallVerdict {
        if response.status == 503 || response.status == 429 { return .retryAfter(BearerSession.retryAfter(response)) }
        guard let envelope = MarketoEnvelope(response.body), !envelope.success else { return .done }
        let codes = Set(envelope.errors.map(\.codeText))
        if !codes.isDisjoint(with: ["601", "602"]) { return .reauthenticate }
        if !codes.isDisjoint(with: ["606", "615", "608"]) { return .retryAfter(.zero) }
        return .done
    }

    static func fetchToken(_ request: HTTPRequest, client: HTTPClient, budget: Duration, destination: String) async
        -> Result<AccessToken, FindingsFailure>
    {
        let sent = await BearerSession.retrying(client, budget: budget, request) {
            verdict($0) == .reauthenticate ? .done : verdict($0)
        }
        let response: HTTPResponse
        switch sent {
        case .failure(let error):
            return .failure(
                FindingsFailure(findings: [
                    TransportFindings.finding(
                        error, destination: destination, lead: nil, action: "getting a Marketo access token")
                ]))
        case .success(let value): response = value
        }
        let answer = JSONValue.decode(TokenAnswer.self, from: response.body)
        if response.isSuccess, let token = answer?.token {
            return .success(AccessToken(value: token, expiresIn: answer?.lifetime(fallback: 3599) ?? 3599))
        }
        if let envelope = MarketoEnvelope(response.body), let error = envelope.errors.first {
            let throttled = ["606", "615", "608"].contains(error.codeText)
            return .failure(
                FindingsFailure(findings: [
                    Finding(
                        code: throttled ? .throttled : .authRejected, destination: destination,
                        message: "the identity service answered error \(error.codeText)",
                        hint: throttled
                            ? "Marketo throttled past the retry budget; retry later or raise --timeout."
                            : "Check the Munchkin ID (base URL).",
                        evidence: "\(error.codeText) \(error.message ?? "")")
                ]))
        }
        let description = answer?.errorDescription ?? String(response.text.prefix(200))
        return .failure(
            FindingsFailure(findings: [
                Finding(
                    code: response.status == 404 ? .httpStatus : .authRejected, destination: destination,
                    message: "Marketo's identity service refused the client credentials (HTTP \(response.status))",
                    hint: response.status == 404
                        ? "Nothing answers at the identity URL: check the Munchkin ID (or baseUrl)."
                        : """
                        Check the Client ID and Client Secret: Admin → LaunchPoint → the custom service for\
                         Partner Center → View Details. The service's API-only user must be active.
                        """,
                    evidence: "HTTP \(response.status) \(answer?.error ?? ""): \(description)")
            ]))
    }

    /// The form's values: the customer fields, the "Lead Source" field, and Description where a
    /// description field is configured.
    public func delivered(_ lead: Lead) -> [LeadField: String] {
        var out = LeadField.common(lead, leadSource: lead.leadSource(encoder.leadSourceFormat))
        if encoder.options.descriptionField == nil { out[.description] = nil }
        return out
    }

    /// The REST field name.
    public func column(of field: LeadField) -> String {
        MarketoFields.name(of: field, options: encoder.options) ?? field.rawValue
    }

    /// The lead field a REST field name stands for.
    func leadField(_ rest: String) -> LeadField? {
        if rest == settings.leadSourceField { return .leadSource }
        return Self.restNames.first { $0.rest == rest }?.field
    }

    /// A response-level error (`success:false`), or an HTTP-level one, as a finding.
    func finding(_ response: HTTPResponse, lead: String?, action: String) async -> Finding {
        guard let envelope = MarketoEnvelope(response.body), let error = envelope.errors.first else {
            return Finding(
                code: .httpStatus, destination: name, lead: lead,
                message: "\(action): HTTP \(response.status) without Marketo's JSON envelope",
                hint: response.status == 413 || response.status == 414
                    ? "The request was too large for Marketo (1 MB body, 8 KB URI)."
                    : "Check the base URL (Munchkin ID) and Marketo's status page.",
                evidence: await tokens.redact(String(response.text.prefix(200))))
        }
        let message = error.message ?? ""
        let evidence = "\(error.codeText) \(await tokens.redact(message))"
        func make(_ code: FindingCode, _ message: String, _ hint: String) -> Finding {
            Finding(
                code: code, destination: name, lead: lead, message: "\(action): \(message)", hint: hint,
                evidence: evidence)
        }
        switch error.codeText {
        case "601", "602":
            return make(
                .authRejected, "the access token was refused even after renewing it",
                "Check that the custom service's API-only user is active and its role has API access.")
        case "603":
            return make(
                .permissionMissing, "access denied",
                "Give the API-only user's role the Read-Write Lead permission (Admin → Users & Roles), and allow-list leadcheck's IP if IP restrictions are on."
            )
        case "606", "615", "608":
            return make(
                .throttled, "Marketo throttled past the retry budget (\(message))",
                "The instance's 100 calls / 20 s or 10-concurrent limit is shared with your other integrations; retry later or raise --timeout."
            )
        case "607":
            return make(
                .quotaExceeded, "the daily API quota is used up",
                "The instance's 50,000 calls a day are spent (resets at 12:00 AM CST); Microsoft's connector cannot deliver either until then."
            )
        case "610":
            // docs/reference/marketo.md §3: Adobe's table says only "Requested resource not found";
            // that it means the form on Submit Form is inferred.
            return make(
                .deliverRejected,
                """
                Marketo answered 610 (requested resource not found); leadcheck infers that form\
                 \(settings.formID) does not exist (an inference: Adobe documents only that the resource was\
                 not found)
                """,
                """
                Check the Form ID: it is the number in the form's embed code (MktoForms2.loadForm(…,\
                 \(settings.munchkinID), <id>)); the form must be approved. Also check the Munchkin ID in the\
                 REST URL.
                """
            )
        default:
            return make(
                .deliverRejected, "Marketo answered error \(error.codeText)",
                "See the evidence (Marketo error codes: developer.adobe.com/marketo-apis/api/mapi/#error-codes).")
        }
    }

    /// A record-level `skipped` status as a finding.
    func finding(skipped record: MarketoEnvelope.Record, lead: Lead) -> Finding {
        let reason = record.reasons?.first
        let code = reason?.codeText ?? ""
        let message = reason?.message ?? "skipped"
        let quoted = message.split(separator: "'", omittingEmptySubsequences: false)
        let named = quoted.count >= 3 ? String(quoted[1]) : nil
        if code == "1006", let named {
            return Finding(
                code: .formFieldMissing, destination: name, lead: lead.marker,
                field: leadField(named)?.rawValue ?? named,
                message: "form \(settings.formID) has no field '\(named)', which the connector sends",
                hint:
                    """
                    Add '\(named)' to form \(settings.formID) in Design Studio (and approve the form): Submit\
                     Form refuses any field the form lacks, so Microsoft's leads are lost. The \"Lead\
                     Source\" field must be on the form.
                    """,
                evidence: "\(code) \(message)")
        }
        let field = named.flatMap(leadField)
        let limit = field.flatMap { FieldLimits.limit(of: $0, at: .marketo) }
        let hint: String
        if field == .email {
            hint = "Marketo needs an ASCII email on every lead; a Microsoft lead without one cannot be stored."
        } else if message.contains("too long"), let limit {
            hint =
                "Marketo stores at most \(limit) characters in \(named ?? "this field"); widen it or expect lost leads."
        } else {
            hint = "Marketo skipped the record; see the reason."
        }
        return Finding(
            code: .deliverRejected, destination: name, lead: lead.marker, field: field?.rawValue,
            message: "Marketo skipped the lead: \(message)", hint: hint,
            evidence: "\(code) \(message)")
    }

    /// A REST call; `fresh` opens a new connection (the preflight measures a full handshake).
    func call(_ method: String, _ path: String, body: HTTPRequestBody = .none, fresh: Bool = false) async -> Result<
        HTTPResponse, BearerSession.Failure
    > {
        let settings = settings
        return await session.send(
            {
                var request = Self.rest(method, settings, path, token: $0, body: body)
                request.freshConnection = fresh
                return request
            }, verdict: Self.verdict)
    }

    // MARK: LeadDestination

    /// Gets a token and runs an empty read: proves the credentials and the API user's access.
    public func preflight() async -> [Finding] {
        switch await call(
            "GET",
            Self.readPath(email: "leadcheck-preflight@example.invalid", leadSourceField: settings.leadSourceField),
            fresh: true)
        {
        case .failure(let failure): return failure.findings(destination: name, lead: nil, action: "reading leads")
        case .success(let response):
            facts.withLock { if $0 == nil { $0 = response.connectionFacts } }
            if response.isSuccess, MarketoEnvelope(response.body)?.success == true {
                return TLSWarnings.expiry(response.tls, destination: name)
            }
            return [await finding(response, lead: nil, action: "reading leads")]
        }
    }

    /// The lead's email: how Marketo finds it.
    public func receipt(for lead: Lead) -> Receipt { lead.customer.email.map(Receipt.email) ?? .marker(lead.marker) }

    /// Submits the form (or syncs); judged by `success` and the record's `status`.
    public func deliver(_ lead: Lead) async -> Delivery {
        let path = settings.mode == .submitForm ? "leads/submitForm.json" : "leads.json"
        switch await call("POST", path, body: .bytes(encoder.encode(lead), contentType: "application/json")) {
        case .failure(let failure):
            return .failed(failure.findings(destination: name, lead: lead.marker, action: "submitting the lead"))
        case .success(let response):
            guard response.isSuccess, let envelope = MarketoEnvelope(response.body), envelope.success else {
                return .failed([await finding(response, lead: lead.marker, action: "submitting the lead")])
            }
            guard let record = envelope.result.first else {
                return .failed([
                    Finding(
                        code: .deliverRejected, destination: name, lead: lead.marker,
                        message: "Marketo answered success without a result",
                        hint: "Unexpected; retry with the same seed.")
                ])
            }
            let status = record.status ?? ""
            guard status == "created" || status == "updated" else {
                return .failed([finding(skipped: record, lead: lead)])
            }
            // The lead id saves a lookup when cleaning up (Marketo's 100 calls / 20 s are shared).
            return .accepted(receipt: record.id.map { .recordID(String($0)) } ?? receipt(for: lead))
        }
    }

    /// Leads with this email (`id` and the compared fields).
    func leads(email: String) async -> Result<[MarketoEnvelope.Record], FindingsFailure> {
        await leads(call("GET", Self.readPath(email: email, leadSourceField: settings.leadSourceField)))
    }

    /// `filterType=email`, up to 300 emails a call.
    public func storedEmails(among emails: [String]) async -> EmailPresence {
        var found: [String: [String]] = [:]
        for start in stride(from: 0, to: emails.count, by: 300) {
            switch await leads(emails: Array(emails[start..<min(start + 300, emails.count)])) {
            case .failure(let failure): return .failed(failure.findings)
            case .success(let records):
                // By email only: Marketo upserts a person by email (docs/reference/marketo.md §2), so
                // its lead source is the latest lead's and says nothing of an earlier offer's.
                found.merge(
                    EmailPresence.leads(records.map(\.fields), column: "email", offerColumns: []), uniquingKeysWith: +)
            }
        }
        return .found(found)
    }

    /// Leads with any of these emails, in one call.
    func leads(emails: [String]) async -> Result<[MarketoEnvelope.Record], FindingsFailure> {
        guard emails.count > 1 else { return await leads(email: emails.first ?? "") }
        return await leads(
            call(
                "POST", "leads.json?_method=GET",
                body: Self.batchReadBody(emails: emails, leadSourceField: settings.leadSourceField)))
    }

    func leads(_ sent: Result<HTTPResponse, BearerSession.Failure>) async -> Result<
        [MarketoEnvelope.Record], FindingsFailure
    > {
        switch sent {
        case .failure(let failure):
            return .failure(
                FindingsFailure(
                    findings: failure.findings(destination: name, lead: nil, action: "reading the lead back")))
        case .success(let response):
            guard response.isSuccess, let envelope = MarketoEnvelope(response.body), envelope.success else {
                return .failure(
                    FindingsFailure(findings: [
                        await finding(response, lead: nil, action: "reading the lead back").with(code: .readbackFailed)
                    ]))
            }
            return .success(envelope.result)
        }
    }

    /// Reads the lead by its email.
    public func readBack(_ lead: Lead, receipt: Receipt) async -> ReadBack {
        await read(marker: lead.marker, email: lead.customer.email ?? receipt.text)
    }

    func read(marker: String, email: String) async -> ReadBack {
        switch await leads(email: email) {
        case .failure(let failure): return .failed(failure.findings(lead: marker))
        case .success(let records): return answer(marker: marker, record: records.first)
        }
    }

    func answer(marker: String, record: MarketoEnvelope.Record?) -> ReadBack {
        guard let record else {
            return .missing(
                Finding(
                    code: .readbackMissing, destination: name, lead: marker,
                    message: "Marketo accepted the lead but no lead has its email",
                    hint:
                        "Check for a smart campaign that deletes or merges new leads, and that the form's email field maps to Email Address."
                ))
        }
        var stored: [LeadField: String?] = [:]
        for (rest, field) in Self.restNames { stored[field] = record[rest] }
        stored[.leadSource] = record[settings.leadSourceField]
        return .found(stored)
    }

    /// Reads and deletes take up to 300 leads per call (docs/reference/marketo.md), which keeps a run
    /// far inside the 100 calls / 20 s the publisher's other integrations share.
    public var batchLimit: Int { 300 }

    /// One read for the whole batch; each lead is the record with its email.
    public func readBack(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack] {
        let emails = batch.map { $0.lead.customer.email ?? $0.receipt.text }
        switch await leads(emails: emails) {
        case .failure(let failure): return batch.map { .failed(failure.findings(lead: $0.lead.marker)) }
        case .success(let records):
            return zip(batch, emails).map { item, email in
                answer(
                    marker: item.lead.marker, record: records.first { $0["email"]?.lowercased() == email.lowercased() })
            }
        }
    }

    /// Deletes a batch with one call (plus one read for leads known only by email, as a
    /// journal knows them); each id's `status` says whether it was deleted.
    public func remove(_ batch: [StoredLead]) async -> [Removal] {
        var ids: [[Int64]] = batch.map { item in
            if case .recordID(let id) = item.receipt, let number = Int64(id) { return [number] }
            return []
        }
        let byEmail = batch.indices.filter { ids[$0].isEmpty }
        if !byEmail.isEmpty {
            switch await leads(emails: byEmail.map { batch[$0].receipt.text }) {
            case .failure(let failure):
                return batch.map { .failed(failure.findings(lead: $0.marker, code: .cleanupFailed)) }
            case .success(let records):
                for index in byEmail {
                    ids[index] = records.filter { $0["email"]?.lowercased() == batch[index].receipt.text.lowercased() }
                        .compactMap(\.id)
                }
            }
        }
        let all = ids.flatMap { $0 }
        guard !all.isEmpty else { return batch.map { _ in .notFound } }
        switch await call(
            "POST", "leads/delete.json", body: .bytes(Self.deleteBody(all), contentType: "application/json"))
        {
        case .failure(let failure):
            return batch.map {
                .failed(
                    failure.findings(destination: name, lead: $0.marker, action: "deleting the test lead").map {
                        $0.with(code: .cleanupFailed)
                    })
            }
        case .success(let response):
            guard response.isSuccess, let envelope = MarketoEnvelope(response.body), envelope.success else {
                var answers: [Removal] = []
                for item in batch {
                    answers.append(
                        .failed([
                            await finding(response, lead: item.marker, action: "deleting the test lead").with(
                                code: .cleanupFailed)
                        ]))
                }
                return answers
            }
            // Record-level: `deleted`, or `skipped` with 1004 "Lead not found" (already gone).
            var status: [Int64: String] = [:]
            for record in envelope.result {
                guard let id = record.id else { continue }
                let reason = record.reasons?.first?.codeText
                status[id] = record.status == "deleted" ? "deleted" : (reason == "1004" ? "gone" : "failed")
            }
            return zip(batch, ids).map { item, mine in
                guard !mine.isEmpty else { return .notFound }
                if mine.contains(where: { status[$0] == "failed" || status[$0] == nil }) {
                    return .failed([
                        Finding(
                            code: .cleanupFailed, destination: name, lead: item.marker,
                            message: "Marketo did not delete the lead",
                            hint:
                                "Delete it in Marketo (Database → search the email) or give the API user Delete Lead permission."
                        )
                    ])
                }
                let deleted = mine.filter { status[$0] == "deleted" }.count
                return deleted > 0 ? .removed(deleted) : .notFound
            }
        }
    }

    /// Every request this destination sent (identity calls included).
    public var apiCalls: Int { client.requestCount }

    /// Marketo finds leads by exact email only; a marker alone finds the lead through its
    /// email when the marker is an email's local part.
    public func find(marker: String) async -> ReadBack {
        .missing(
            Finding(
                code: .readbackMissing, destination: name, lead: marker,
                message: "Marketo cannot be searched by marker",
                hint:
                    "Marketo looks leads up by exact email only; verify it directly instead of through another destination's readback."
            ))
    }

    /// Deletes the lead by id (a delivery receipt) or every lead with the receipt's email (a
    /// journal receipt).
    public func remove(marker: String, receipt: Receipt) async -> Removal {
        await remove([StoredLead(marker: marker, receipt: receipt)])[0]
    }

    /// Marketo has no prefix search: removing by prefix is not possible, so this says so.
    public func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding]) {
        (
            0,
            [
                Finding(
                    code: .cleanupFailed, severity: .warning, destination: name,
                    message: "Marketo cannot search leads by marker prefix",
                    hint:
                        """
                        Use leadcheck cleanup --journal with the run's journal, or a Marketo smart list on\
                         Email Address starts with \(markerPrefix.lowercased()).
                        """
                )
            ]
        )
    }
}
