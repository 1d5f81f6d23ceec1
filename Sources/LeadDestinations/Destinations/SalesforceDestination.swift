import Foundation
import LeadModel
import LeadTransport
import LeadWire

/// Salesforce, written as docs/reference/salesforce.md describes: the documented form fields posted to
/// the Web-to-Lead servlet, whose 200 proves nothing (it answers 200 whether or not a lead was
/// created); the proof is the record, found by Email through SOQL with a client-credentials
/// token, polled with backoff until it appears or the read-back timeout passes; then deleted.
/// Every submission counts against the org's 500 a day, and the report says how many were used.
public struct SalesforceDestination: LeadDestination {
    /// The configured name.
    public let name: String
    /// Salesforce.
    public var kind: DestinationKind { .salesforce }
    /// Always: leads are read back through REST.
    public var readsBack: Bool { true }
    let settings: SalesforceSettings
    let client: HTTPClient
    let encoder: SalesforceWebToLeadEncoder
    let tokens: TokenCache
    let session: BearerSession
    let facts = LockedValue<ConnectionFacts?>(nil)

    /// What the preflight's first API call measured on a fresh connection.
    public var connectionFacts: ConnectionFacts? { facts.value }
    /// The instance URL the token response names (REST calls go there).
    let instance: LockedValue<String>
    let submissions = LockedValue(0)

    /// The REST API version used.
    public static let apiVersion = "v59.0"
    /// Web-to-Lead's documented daily limit.
    public static let dailyLimit = 500

    /// The form's values: `lead_source` is the `Source-Action|offer` string (docs/reference/lead.md §2).
    public func delivered(_ lead: Lead) -> [LeadField: String] {
        LeadField.common(lead, leadSource: encoder.leadSource(lead))
    }

    /// The Lead object's API field name.
    public func column(of field: LeadField) -> String { SalesforceFields.api(of: field) ?? field.rawValue }

    /// Creates the destination.
    public init(name: String, settings: SalesforceSettings, client: HTTPClient, wire: WireOptions = WireOptions()) {
        self.name = name
        self.settings = settings
        self.client = client
        var options = wire.salesforce
        options.orgID = settings.orgID
        encoder = SalesforceWebToLeadEncoder(options: options, leadSourceFormat: wire.leadSourceFormat)
        let budget = Duration.milliseconds(client.options.totalTimeoutMilliseconds)
        let request = Self.tokenRequest(settings)
        let instance = LockedValue(settings.instanceURL)
        self.instance = instance
        tokens = TokenCache { [client, name] in
            await Self.fetchToken(request, client: client, budget: budget, destination: name, instance: instance)
        }
        session = BearerSession(client: client, tokens: tokens, retryBudget: budget)
    }

    /// Web-to-Lead submissions this run made, of the daily 500.
    public var usage: QuotaUsage? {
        QuotaUsage(used: submissions.value, limit: Self.dailyLimit, unit: "Web-to-Lead submissions per day")
    }

    // MARK: Requests (pure)

    /// The client-credentials token request (docs/reference/salesforce.md §4).
    static func tokenRequest(_ settings: SalesforceSettings) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: settings.effectiveTokenURL, headers: ["Accept": "application/json"],
            body: .form([
                .init("grant_type", "client_credentials"), .init("client_id", settings.clientID),
                .init("client_secret", settings.clientSecret.reveal()),
            ]))
    }

    /// The Web-to-Lead post: the form fields, UTF-8, to the servlet.
    func webToLeadRequest(_ lead: Lead) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: settings.webToLeadURL,
            body: .form(encoder.fields(lead).map { .init($0.name, $0.value) }))
    }

    /// The SOQL that finds a lead: by Email, or — for a lead without one — by the required
    /// LastName and Company it was sent with.
    static func soql(for lead: Lead) -> String {
        let select = "SELECT Id,\(SalesforceFields.all.map(\.api).joined(separator: ",")) FROM Lead WHERE "
        if let email = lead.customer.email {
            // An address longer than Email holds is stored cut (or not at all), so it is found
            // by the marker its local part starts with; matches are re-checked by the caller.
            if let limit = FieldLimits.limit(of: .email, at: .salesforce), email.utf16.count > limit {
                return select + "\(SalesforceFields.email) LIKE \(QueryLiteral.soql(lead.marker.lowercased() + "%"))"
            }
            return select + "\(SalesforceFields.email) = \(QueryLiteral.soql(email))"
        }
        return select
            + """
            LastName = \(QueryLiteral.soql(lead.customer.lastName ?? "[not provided]")) AND Company =\
             \(QueryLiteral.soql(lead.customer.company ?? "[not provided]"))
            """
    }

    /// The SOQL that finds leads by a receipt (an email) or a marker prefix (emails start with
    /// the lowercased marker; `_` is a LIKE wildcard, so matches are re-checked by the caller).
    static func soql(email: String, columns: String = "Id,\(SalesforceFields.email),\(SalesforceFields.description)")
        -> String
    {
        "SELECT \(columns) FROM Lead WHERE \(SalesforceFields.email) = \(QueryLiteral.soql(email))"
    }
    /// The queries for a batch: `Email IN ('a','b',…)` (SOQL comparison operators,
    /// developer.salesforce.com), as few as the rule "Strings in WHERE clauses can't exceed
    /// 4,000 characters" (SOQL WHERE reference; only Apex is exempt for IN) allows.
    static func soql(emails: [String], columns: String) -> [String] {
        var queries: [String] = []
        var literals: [String] = []
        func flush() {
            if !literals.isEmpty {
                queries.append(
                    "SELECT \(columns) FROM Lead WHERE \(SalesforceFields.email) IN (\(literals.joined(separator: ",")))"
                )
            }
            literals = []
        }
        var length = "\(SalesforceFields.email) IN ()".count
        for email in emails {
            let literal = QueryLiteral.soql(email)
            if !literals.isEmpty && length + literal.count + 1 > whereLimit {
                flush()
                length = "\(SalesforceFields.email) IN ()".count
            }
            literals.append(literal)
            length += literal.count + (literals.count > 1 ? 1 : 0)
        }
        flush()
        return queries
    }

    /// Whether a record carries exactly this marker, in its Description or Email.
    static func carries(_ marker: String, _ record: JSONObject) -> Bool {
        LeadMarker.matches(
            marker, description: record["\(SalesforceFields.description)"]?.string ?? "",
            email: record["\(SalesforceFields.email)"]?.string ?? "")
    }

    /// SOQL `Email IN (…)`, split to stay under the WHERE limit.
    public func storedEmails(among emails: [String]) async -> EmailPresence {
        guard !emails.isEmpty else { return .found([:]) }
        switch await records(
            Self.soql(emails: emails, columns: "Id,\(SalesforceFields.email),\(SalesforceFields.leadSource)"))
        {
        case .failure(let failure): return .failed(failure.findings)
        case .success(let rows):
            return .found(
                EmailPresence.leads(rows, column: SalesforceFields.email, offerColumns: [SalesforceFields.leadSource]))
        }
    }

    /// The longest WHERE clause Salesforce accepts.
    static let whereLimit = 4_000

    /// Records of several queries, together; the first failure fails them all.
    func records(_ queries: [String]) async -> Result<[JSONObject], FindingsFailure> {
        var all: [JSONObject] = []
        for query in queries {
            switch await records(query) {
            case .failure(let failure): return .failure(failure)
            case .success(let rows): all += rows
            }
        }
        return .success(all)
    }
    static func soql(emailPrefix: String) -> String {
        let escaped = emailPrefix.lowercased().replacingOccurrences(of: "%", with: "")
        return
            """
            SELECT Id,\(SalesforceFields.email),\(SalesforceFields.description) FROM Lead WHERE\
             \(SalesforceFields.email) LIKE \(QueryLiteral.soql(escaped + "%"))
            """
    }

    /// A REST request.
    static func rest(_ method: String, instance: String, _ path: String, token: String) -> HTTPRequest {
        HTTPRequest(
            method: method, url: "\(instance)/services/data/\(apiVersion)/\(path)",
            headers: ["Accept": "application/json", "Authorization": "Bearer \(token)"])
    }

    static func queryPath(_ soql: String) -> String { "query?q=\(QueryLiteral.urlComponent(soql))" }

    // MARK: Sign-in and answers

    static func fetchToken(
        _ request: HTTPRequest, client: HTTPClient, budget: Duration, destination: String, instance: LockedValue<String>
    ) async -> Result<AccessToken, FindingsFailure> {
        let sent = await BearerSession.retrying(client, budget: budget, request) {
            $0.status == 503 ? .retryAfter(BearerSession.retryAfter($0)) : .done
        }
        let response: HTTPResponse
        switch sent {
        case .failure(let error):
            return .failure(
                FindingsFailure(findings: [
                    TransportFindings.finding(
                        error, destination: destination, lead: nil, action: "signing in to Salesforce")
                ]))
        case .success(let value): response = value
        }
        let answer = JSONValue.decode(TokenAnswer.self, from: response.body)
        if response.isSuccess, let token = answer?.token {
            if let url = answer?.instanceURL, url.lowercased().hasPrefix("http") { instance.value = url }
            // Salesforce does not say how long a session lives (the org's timeout, 2 h by
            // default); an hour, and INVALID_SESSION_ID renews it sooner.
            return .success(AccessToken(value: token, expiresIn: 3600))
        }
        if let first = SalesforceError.first(in: response.body), let code = first.errorCode {
            // A REST-shaped error (e.g. REQUEST_LIMIT_EXCEEDED) is not a credentials problem.
            let limit = code == "REQUEST_LIMIT_EXCEEDED"
            return .failure(
                FindingsFailure(findings: [
                    Finding(
                        code: limit ? .quotaExceeded : .httpStatus, destination: destination,
                        message: "signing in to Salesforce answered \(code) (HTTP \(response.status))",
                        hint: limit
                            ? "The org's API request limit is used up; retry after the 24-hour window."
                            : "Check the instance URL and Salesforce's status page.",
                        evidence: "HTTP \(response.status) \(code): \(first.message ?? "")")
                ]))
        }
        let error = answer?.error ?? ""
        let description = answer?.errorDescription ?? String(response.text.prefix(200))
        let hint: String
        switch (error, description) {
        case ("invalid_client", _), ("invalid_client_id", _):
            hint =
                "Check the connected app's consumer key (clientId) and secret (clientSecret): Setup → App Manager → the app → View → Manage Consumer Details."
        case (_, let text) where text.contains("no client credentials user"):
            hint =
                "Enable 'Client Credentials Flow' on the connected app and set a Run As user (Manage → Edit Policies → Client Credentials Flow)."
        case (_, let text) where text.contains("not supported on this domain"):
            hint =
                "Use the org's My Domain URL (https://<domain>.my.salesforce.com) as instanceUrl; client credentials do not work on login.salesforce.com."
        default:
            hint = "Check instanceUrl, clientId and clientSecret of the connected app."
        }
        return .failure(
            FindingsFailure(findings: [
                Finding(
                    code: .authRejected, destination: destination,
                    message: "Salesforce refused the client credentials (HTTP \(response.status) \(error))",
                    hint: hint, evidence: "HTTP \(response.status) \(error): \(description)")
            ]))
    }

    /// INVALID_SESSION_ID renews the token; 503 waits.
    static func verdict(_ response: HTTPResponse) -> CallVerdict {
        if response.status == 401 { return .reauthenticate }
        if response.status == 503 { return .retryAfter(BearerSession.retryAfter(response)) }
        return .done
    }

    /// A REST error (`[{"message","errorCode"}]`) as a finding.
    func finding(_ response: HTTPResponse, lead: String?, action: String) async -> Finding {
        let first = SalesforceError.first(in: response.body)
        let code = first?.errorCode ?? ""
        let message = await tokens.redact(first?.message ?? String(response.text.prefix(200)))
        let evidence = "HTTP \(response.status) \(code): \(message)"
        func make(_ findingCode: FindingCode, _ text: String, _ hint: String) -> Finding {
            Finding(
                code: findingCode, destination: name, lead: lead, message: "\(action): \(text)", hint: hint,
                evidence: evidence)
        }
        switch (response.status, code) {
        case (401, _):
            return make(
                .authRejected, "the session was refused even after renewing it",
                "Check the connected app's policies (IP relaxation, permitted users) and its Run As user.")
        case (403, "REQUEST_LIMIT_EXCEEDED"):
            return make(
                .quotaExceeded, "the org's REST API limit is used up",
                "The org's daily API requests are spent; retry after the 24-hour window.")
        case (403, _):
            return make(
                .permissionMissing, "the Run As user may not do this",
                "Give the connected app's Run As user Read and Delete on Lead (a permission set) so leadcheck can read back and clean up."
            )
        case (400, _):
            return make(.readbackFailed, "Salesforce refused the query", "Unexpected; report it with the evidence.")
        default:
            return make(.httpStatus, "HTTP \(response.status)", "Check the instance URL and Salesforce's status page.")
        }
    }

    /// A REST call; `fresh` opens a new connection (the preflight measures a full handshake).
    func call(_ method: String, _ path: String, fresh: Bool = false) async -> Result<
        HTTPResponse, BearerSession.Failure
    > {
        let instance = instance
        return await session.send(
            {
                var request = Self.rest(method, instance: instance.value, path, token: $0)
                request.freshConnection = fresh
                return request
            }, verdict: Self.verdict)
    }

    /// Records of a SOQL query.
    func records(_ soql: String) async -> Result<[JSONObject], FindingsFailure> {
        switch await call("GET", Self.queryPath(soql)) {
        case .failure(let failure):
            return .failure(
                FindingsFailure(findings: failure.findings(destination: name, lead: nil, action: "querying leads")))
        case .success(let response):
            guard response.isSuccess,
                let records = JSONValue.decode(SalesforceQueryResult.self, from: response.body)?.records
            else {
                return .failure(
                    FindingsFailure(findings: [await finding(response, lead: nil, action: "querying leads")]))
            }
            return .success(records)
        }
    }

    // MARK: LeadDestination

    /// Signs in and runs a one-row query: proves the connected app and read access. Web-to-Lead
    /// itself cannot be probed without spending a submission.
    public func preflight() async -> [Finding] {
        var findings: [Finding] = []
        let org = settings.orgID
        if !(org.count == 15 || org.count == 18) || !org.hasPrefix("00D") {
            findings.append(
                Finding(
                    code: .deliverRejected, severity: .warning, destination: name,
                    message: "the org id '\(org)' does not look like a Salesforce org id",
                    hint: "Copy the oid value from the generated Web-to-Lead HTML (15 characters starting 00D)."))
        }
        switch await call("GET", Self.queryPath("SELECT Id FROM Lead LIMIT 1"), fresh: true) {
        case .failure(let failure):
            return findings + failure.findings(destination: name, lead: nil, action: "querying leads")
        case .success(let response):
            facts.withLock { if $0 == nil { $0 = response.connectionFacts } }
            if response.isSuccess { return findings + TLSWarnings.expiry(response.tls, destination: name) }
            return findings + [await finding(response, lead: nil, action: "querying leads")]
        }
    }

    /// The lead's email (or marker, for a lead without one).
    public func receipt(for lead: Lead) -> Receipt { lead.customer.email.map(Receipt.email) ?? .marker(lead.marker) }

    /// Posts the form. A 200 only means the servlet answered; read-back is the proof.
    public func deliver(_ lead: Lead) async -> Delivery {
        submissions.withLock { $0 += 1 }
        do {
            let response = try await client.send(webToLeadRequest(lead))
            if response.isSuccess || (300..<400).contains(response.status) {
                return .accepted(receipt: receipt(for: lead))
            }
            return .failed([
                Finding(
                    code: .httpStatus, destination: name, lead: lead.marker,
                    message: "the Web-to-Lead servlet answered HTTP \(response.status)",
                    hint:
                        "Check webToLeadUrl: production orgs use \(SalesforceSettings.productionWebToLeadURL), sandboxes test.salesforce.com.",
                    evidence: String(response.text.prefix(200)))
            ])
        } catch {
            return .failed([
                TransportFindings.finding(error, destination: name, lead: lead.marker, action: "posting to Web-to-Lead")
            ])
        }
    }

    /// Why a submitted lead may never appear (docs/reference/salesforce.md §1–2), with this run's usage.
    var missingHint: String {
        "Web-to-Lead answers 200 even when it creates nothing. Documented causes: the org id (oid) is wrong; 'Include reCAPTCHA' is on for Web-to-Lead; "
            + "a restricted or required picklist (State and Country/Territory picklists, a restricted Lead Source) rejects the value; "
            + "a validation rule or duplicate rule blocks it; the daily limit of \(Self.dailyLimit) Web-to-Lead submissions is reached "
            + "(requests over it wait in a pending queue; the report shows what this run used). Check Setup → Web-to-Lead and the Default Lead Creator's email."
    }

    /// Polls the query with backoff until the lead appears or the read-back timeout passes.
    public func readBack(_ lead: Lead, receipt: Receipt) async -> ReadBack {
        var backoff = Backoff(
            first: .milliseconds(100), maximum: .seconds(5),
            deadline: .now + .milliseconds(settings.readbackTimeoutMilliseconds))
        let soql = Self.soql(for: lead)
        while true {
            switch await records(soql) {
            case .failure(let failure): return .failed(failure.findings(lead: lead.marker, code: .readbackFailed))
            case .success(let rows):
                let match =
                    rows.first { Self.carries(lead.marker, $0) }
                    ?? (soql.contains(" LIKE ") ? nil : rows.first)
                if let match {
                    var stored: [LeadField: String?] = [:]
                    for entry in SalesforceFields.all {
                        stored.updateValue(match[entry.api]?.string, forKey: entry.field)
                    }
                    return .found(stored)
                }
            }
            guard await backoff.wait() else {
                return .missing(
                    Finding(
                        code: .readbackMissing, destination: name, lead: lead.marker,
                        message:
                            "the lead never appeared in Salesforce (polled \(settings.readbackTimeoutMilliseconds / 1000) s)",
                        hint: missingHint))
            }
        }
    }

    /// Salesforce is searched by email prefix: a marker's lowercased form starts every test email.
    public func find(marker: String) async -> ReadBack {
        switch await records(Self.soql(emailPrefix: marker)) {
        case .failure(let failure): return .failed(failure.findings(lead: marker, code: .readbackFailed))
        case .success(let rows):
            guard let match = rows.first(where: { Self.carries(marker, $0) }),
                let email = match[SalesforceFields.email]?.string
            else {
                return .missing(
                    Finding(
                        code: .readbackMissing, destination: name, lead: marker,
                        message: "no lead in Salesforce carries \(marker)", hint: missingHint))
            }
            switch await records(
                Self.soql(email: email, columns: "Id,\(SalesforceFields.all.map(\.api).joined(separator: ","))"))
            {
            case .failure(let failure): return .failed(failure.findings(lead: marker, code: .readbackFailed))
            case .success(let full):
                var stored: [LeadField: String?] = [:]
                for entry in SalesforceFields.all {
                    stored.updateValue(full.first?[entry.api]?.string, forKey: entry.field)
                }
                return .found(stored)
            }
        }
    }

    /// Deletes the records carrying the marker among those with the receipt's email.
    public func remove(marker: String, receipt: Receipt) async -> Removal {
        await remove([StoredLead(marker: marker, receipt: receipt)])[0]
    }

    /// Leads per read-back and removal batch. sObject Collections delete up to 200 ids per call
    /// (developer.salesforce.com, "Delete Records Using sObject Collections"); the `IN` queries
    /// split themselves at the 4,000-character WHERE limit. 100 is inferred: it keeps a batch's
    /// queries to a few per poll.
    public var batchLimit: Int { 100 }

    /// Web-to-Lead creates leads asynchronously (docs/reference/salesforce.md §4): one not found yet may
    /// still appear until the read-back timeout, and past the daily limit much later.
    public var visibilityWindow: Duration { .milliseconds(settings.readbackTimeoutMilliseconds) }

    /// Every request this destination sent: token, REST calls and Web-to-Lead posts.
    public var apiCalls: Int { client.requestCount }

    /// Leads found by their plain email are read with one SOQL `IN` query per poll, polled
    /// with backoff for those not there yet; the others (no email, or one longer than Email
    /// holds) each with their own query.
    public func readBack(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack] {
        var answers = [ReadBack?](repeating: nil, count: batch.count)
        var waiting: [Int] = []
        for (index, item) in batch.enumerated() {
            if Self.soql(for: item.lead).contains("\(SalesforceFields.email) = ") {
                waiting.append(index)
            } else {
                answers[index] = await readBack(item.lead, receipt: item.receipt)
            }
        }
        var backoff = Backoff(
            first: .milliseconds(100), maximum: .seconds(5),
            deadline: .now + .milliseconds(settings.readbackTimeoutMilliseconds))
        let columns = "Id,\(SalesforceFields.all.map(\.api).joined(separator: ","))"
        while !waiting.isEmpty {
            let emails = waiting.compactMap { batch[$0].lead.customer.email }
            switch await records(Self.soql(emails: emails, columns: columns) as [String]) {
            case .failure(let failure):
                for index in waiting {
                    answers[index] = .failed(failure.findings(lead: batch[index].lead.marker, code: .readbackFailed))
                }
                waiting = []
            case .success(let rows):
                waiting.removeAll { index in
                    let marker = batch[index].lead.marker
                    guard let match = rows.first(where: { Self.carries(marker, $0) }) else { return false }
                    var stored: [LeadField: String?] = [:]
                    for entry in SalesforceFields.all {
                        stored.updateValue(match[entry.api]?.string, forKey: entry.field)
                    }
                    answers[index] = .found(stored)
                    return true
                }
            }
            if waiting.isEmpty { break }
            guard await backoff.wait() else {
                for index in waiting {
                    answers[index] = .missing(
                        Finding(
                            code: .readbackMissing, destination: name, lead: batch[index].lead.marker,
                            message:
                                "the lead never appeared in Salesforce (polled \(settings.readbackTimeoutMilliseconds / 1000) s)",
                            hint: missingHint))
                }
                break
            }
        }
        return answers.map { $0! }
    }

    /// Finds the batch's records with one `IN` query (a marker-only receipt with its own
    /// prefix query) and deletes them with sObject Collections, up to 200 ids per call.
    public func remove(_ batch: [StoredLead]) async -> [Removal] {
        var ids = [[String]](repeating: [], count: batch.count)
        var failed = [[Finding]](repeating: [], count: batch.count)
        let emails: [String?] = batch.map { if case .email(let email) = $0.receipt { email } else { nil } }
        let byEmail = batch.indices.filter { emails[$0] != nil }
        func pick(_ rows: [JSONObject], for index: Int) -> [String] {
            rows.filter { Self.carries(batch[index].marker, $0) }.compactMap { $0["Id"]?.string }
        }
        if !byEmail.isEmpty {
            switch await records(
                Self.soql(
                    emails: byEmail.compactMap { emails[$0] },
                    columns: "Id,\(SalesforceFields.email),\(SalesforceFields.description)") as [String])
            {
            case .failure(let failure):
                for index in byEmail {
                    failed[index] = failure.findings(lead: batch[index].marker, code: .cleanupFailed)
                }
            case .success(let rows): for index in byEmail { ids[index] = pick(rows, for: index) }
            }
        }
        for index in batch.indices where emails[index] == nil {
            switch await records(Self.soql(emailPrefix: batch[index].marker)) {
            case .failure(let failure):
                failed[index] = failure.findings(lead: batch[index].marker, code: .cleanupFailed)
            case .success(let rows): ids[index] = pick(rows, for: index)
            }
        }
        var outcome: [String: Removal] = [:]
        let all = ids.flatMap { $0 }
        for start in stride(from: 0, to: all.count, by: 200) {
            let chunk = Array(all[start..<min(start + 200, all.count)])
            for (id, result) in await delete(ids: chunk, marker: nil) { outcome[id] = result }
        }
        return batch.indices.map { index in
            if !failed[index].isEmpty { return .failed(failed[index]) }
            var problems: [Finding] = []
            for id in ids[index] {
                for var finding in outcome[id]?.findings ?? [] {
                    finding.lead = batch[index].marker
                    problems.append(finding)
                }
            }
            if ids[index].contains(where: {
                if case .failed = outcome[$0] { return true }
                return false
            }) {
                return .failed(
                    problems.isEmpty
                        ? [
                            Finding(
                                code: .cleanupFailed, destination: name, lead: batch[index].marker,
                                message: "deleting the test lead failed",
                                hint: "Run leadcheck cleanup again.")
                        ] : problems)
            }
            let removed = ids[index].filter {
                if case .removed = outcome[$0] { return true }
                return false
            }.count
            return removed > 0 ? .removed(removed) : .notFound
        }
    }

    /// `DELETE composite/sobjects?ids=…&allOrNone=false`: one DeleteResult per id, in order
    /// (`{"id","success","errors":[{"statusCode","message"}]}`). An id already deleted
    /// (`ENTITY_IS_DELETED`) is left out: nothing was removed.
    func delete(ids: [String], marker: String?) async -> [String: Removal] {
        var out: [String: Removal] = [:]
        switch await call(
            "DELETE",
            "composite/sobjects?ids=\(ids.map(QueryLiteral.urlComponent).joined(separator: ","))&allOrNone=false")
        {
        case .failure(let failure):
            let findings = failure.findings(destination: name, lead: marker, action: "deleting the test leads").map {
                $0.with(code: .cleanupFailed)
            }
            for id in ids { out[id] = .failed(findings) }
        case .success(let response):
            let results = JSONValue.decode([SalesforceDeleteResult].self, from: response.body)
            guard response.isSuccess, let results, results.count == ids.count else {
                let finding = await finding(response, lead: marker, action: "deleting the test leads").with(
                    code: .cleanupFailed)
                for id in ids { out[id] = .failed([finding]) }
                return out
            }
            for (id, result) in zip(ids, results) {
                if result.success == true {
                    out[id] = .removed(1)
                    continue
                }
                let error = result.errors?.first
                let code = error?.statusCode ?? ""
                if code == "ENTITY_IS_DELETED" { continue }
                out[id] = .failed([
                    Finding(
                        code: .cleanupFailed, destination: name, lead: marker,
                        message: "Salesforce did not delete lead \(id): \(code)",
                        hint: "Give the connected app's Run As user Delete on Lead, or delete it in Salesforce.",
                        evidence: "\(code): \(error?.message ?? "")")
                ])
            }
        }
        return out
    }

    /// Deletes every lead whose email starts with the lowercased prefix.
    public func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding]) {
        switch await records(Self.soql(emailPrefix: markerPrefix)) {
        case .failure(let failure): return (0, failure.findings(lead: nil, code: .cleanupFailed))
        case .success(let rows):
            var removed = 0
            var problems: [Finding] = []
            let ids = rows.filter {
                ($0[SalesforceFields.email]?.string ?? "").lowercased().hasPrefix(markerPrefix.lowercased())
            }.compactMap { $0["Id"]?.string }
            for start in stride(from: 0, to: ids.count, by: 200) {
                for (_, result) in await delete(
                    ids: Array(ids[start..<min(start + 200, ids.count)]), marker: markerPrefix)
                {
                    if case .removed = result { removed += 1 } else { problems += result.findings }
                }
            }
            return (removed, problems)
        }
    }
}
