import Foundation
import LeadModel
import LeadTransport
import LeadWire

/// Dynamics 365 (Dataverse), written as docs/reference/dynamics.md describes: an Entra
/// client-credentials token for `<instance>/.default`, reused until it expires; the `lead`
/// created through the Web API with the mapping of ``DynamicsLeadEncoder`` (the mapping and the
/// `leadsourcecode` value are [INF], hence configurable); read back by id and found by
/// `emailaddress1`; deleted by id. 401 renews the token once; 429 waits out `Retry-After`.
/// Error texts map to the Partner Center FAQ's fixes (docs/reference/dynamics.md §1).
public struct DynamicsDestination: LeadDestination {
    /// The configured name.
    public let name: String
    /// Dynamics 365.
    public var kind: DestinationKind { .dynamics }
    /// Always: leads are read back through the Web API.
    public var readsBack: Bool { true }
    let settings: DynamicsSettings
    let client: HTTPClient
    let encoder: DynamicsLeadEncoder
    let tokens: TokenCache
    let session: BearerSession
    /// Reads and deletes with the `readback:` app when one is configured, else with `session`.
    let readTokens: TokenCache
    let readSession: BearerSession
    let facts = LockedValue<ConnectionFacts?>(nil)

    /// What the preflight's first API call measured on a fresh connection.
    public var connectionFacts: ConnectionFacts? { facts.value }

    /// The Web API version (docs/reference/dynamics.md §4: current v9.2).
    public static let apiVersion = "v9.2"
    /// The columns read back.
    static let columns = DynamicsColumns.selected

    /// The record's values: `subject` holds the lead-source string, `leadsourcecode` the
    /// configured option value (both [INF], docs/reference/dynamics.md §1).
    public func delivered(_ lead: Lead) -> [LeadField: String] {
        var out = LeadField.common(lead, leadSource: lead.leadSource(encoder.leadSourceFormat))
        out[.leadSourceCode] = String(encoder.options.leadSourceCode)
        return out
    }

    /// The Dataverse column.
    public func column(of field: LeadField) -> String { DynamicsColumns.column(of: field) ?? field.rawValue }

    /// Creates the destination.
    public init(name: String, settings: DynamicsSettings, client: HTTPClient, wire: WireOptions = WireOptions()) {
        self.name = name
        self.settings = settings
        self.client = client
        var options = wire.dynamics
        options.leadSourceCode = settings.leadSourceCode
        encoder = DynamicsLeadEncoder(options: options, leadSourceFormat: wire.leadSourceFormat)
        let budget = Duration.milliseconds(client.options.totalTimeoutMilliseconds)
        let request = Self.tokenRequest(settings)
        let destination = name
        tokens = TokenCache { [client] in
            await Self.fetchToken(request, client: client, budget: budget, destination: destination, settings: settings)
        }
        session = BearerSession(client: client, tokens: tokens, retryBudget: budget)
        if let reader = settings.readback {
            var readerSettings = settings
            readerSettings.clientID = reader.clientID
            readerSettings.clientSecret = reader.clientSecret
            let readerRequest = Self.tokenRequest(readerSettings)
            readTokens = TokenCache { [client, readerSettings] in
                await Self.fetchToken(
                    readerRequest, client: client, budget: budget, destination: destination, settings: readerSettings)
            }
            readSession = BearerSession(client: client, tokens: readTokens, retryBudget: budget)
        } else {
            readTokens = tokens
            readSession = session
        }
    }

    // MARK: Requests (pure)

    /// The client-credentials token request (docs/reference/dynamics.md §3).
    static func tokenRequest(_ settings: DynamicsSettings) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: settings.effectiveTokenURL, headers: ["Accept": "application/json"],
            body: .form([
                .init("grant_type", "client_credentials"), .init("client_id", settings.clientID ?? ""),
                .init("client_secret", settings.clientSecret?.reveal() ?? ""),
                .init("scope", "\(settings.instanceURL)/.default"),
            ]))
    }

    /// A Web API request with the headers Dataverse requires (docs/reference/dynamics.md §4).
    static func webAPI(
        _ method: String, _ settings: DynamicsSettings, _ resource: String, token: String, body: [UInt8]? = nil,
        prefer: String? = nil
    ) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.add("Accept", "application/json")
        headers.add("OData-MaxVersion", "4.0")
        headers.add("OData-Version", "4.0")
        if method == "GET" { headers.add("If-None-Match", "null") }
        if let prefer { headers.add("Prefer", prefer) }
        headers.add("Authorization", "Bearer \(token)")
        return HTTPRequest(
            method: method, url: "\(settings.instanceURL)/api/data/\(apiVersion)/\(resource)", headers: headers,
            body: body.map { .bytes($0, contentType: "application/json; charset=utf-8") } ?? .none)
    }

    /// `leads?$select=…&$filter=<column> eq '<value>'`, the literal escaped and percent-encoded.
    static func queryResource(column: String, equals value: String) -> String {
        "leads?$select=\(columns.joined(separator: ","))&$filter=\(QueryLiteral.urlComponent("\(column) eq \(QueryLiteral.odata(value))"))"
    }

    /// `leads?…$filter=emailaddress1 eq '<a>' or emailaddress1 eq '<b>' …`: one query for a
    /// batch of read-backs (OData `or`, as the Web API's `$filter` accepts).
    static func queryResource(emails: [String]) -> String {
        let filter = emails.map { "\(DynamicsColumns.email) eq \(QueryLiteral.odata($0))" }.joined(separator: " or ")
        return "leads?$select=\(columns.joined(separator: ","))&$filter=\(QueryLiteral.urlComponent(filter))"
    }

    /// `leads?…$filter=startswith(<column>,'<prefix>')`.
    static func prefixResource(column: String, prefix: String) -> String {
        """
        leads?$select=\(DynamicsColumns.id),\(DynamicsColumns.email),\(DynamicsColumns.description)&$filter=\
        \(QueryLiteral.urlComponent("startswith(\(column),\(QueryLiteral.odata(prefix)))"))
        """
    }

    // MARK: Sign-in

    static func fetchToken(
        _ request: HTTPRequest, client: HTTPClient, budget: Duration, destination: String, settings: DynamicsSettings
    ) async -> Result<AccessToken, FindingsFailure> {
        let sent = await BearerSession.retrying(client, budget: budget, request) { response in
            response.status == 429 || response.status == 503 ? .retryAfter(BearerSession.retryAfter(response)) : .done
        }
        let response: HTTPResponse
        switch sent {
        case .failure(let error):
            return .failure(
                FindingsFailure(findings: [
                    TransportFindings.finding(
                        error, destination: destination, lead: nil, action: "signing in to Entra ID")
                ]))
        case .success(let value): response = value
        }
        let answer = JSONValue.decode(TokenAnswer.self, from: response.body)
        if response.isSuccess, let token = answer?.token {
            return .success(AccessToken(value: token, expiresIn: answer?.lifetime(fallback: 3599) ?? 3599))
        }
        return .failure(
            FindingsFailure(findings: [signInFinding(response, destination: destination, settings: settings)]))
    }

    /// An Entra error, classified by its `error_codes` (docs/reference/dynamics.md §5) and mapped to the
    /// fix the Partner Center FAQ gives for the same failure.
    static func signInFinding(_ response: HTTPResponse, destination: String, settings: DynamicsSettings) -> Finding {
        let error = EntraError(response)
        let evidence = "HTTP \(response.status) \(error.error ?? ""): \(error.summary)"
        func rejected(_ message: String, _ hint: String) -> Finding {
            Finding(code: .authRejected, destination: destination, message: message, hint: hint, evidence: evidence)
        }
        if response.status == 429 || response.status == 503 {
            return Finding(
                code: .throttled, destination: destination, message: "Entra ID throttled the sign-in",
                hint: "Retry later.", evidence: evidence)
        }
        if error.has(7_000_222) {
            return rejected(
                "Entra ID refused the client secret: it has expired (AADSTS7000222)",
                """
                The client secret of app \(settings.clientID ?? "") expired, so Microsoft's connector can no\
                 longer write leads either: under the app registration's Certificates & secrets create a new\
                 secret, and give Partner Center and leadcheck its Value.
                """
            )
        }
        if error.has(7_000_215) {
            return rejected(
                "Entra ID refused the client secret (AADSTS7000215: invalid client secret)",
                """
                The client secret is wrong (Partner Center shows 'Error validating credentials: Invalid\
                 client secret is provided'): give Partner Center and leadcheck the secret's Value, not its\
                 Secret ID, or create a new one under Certificates & secrets.
                """
            )
        }
        // docs/reference/dynamics.md §5: AADSTS90002 "Tenant '…' not found" [3P].
        if error.has(90002) {
            return rejected(
                "Entra ID does not know the tenant '\(settings.tenantID ?? "")' (AADSTS90002)",
                """
                Check the Directory ID (Partner Center: 'Tenant not found' / 'Requested tenant identifier is\
                 not valid'): copy the Directory (tenant) ID from the app registration's Overview page.
                """
            )
        }
        // Inferred, no capture in our evidence: AADSTS900023 and 90013 read as a malformed tenant.
        if let code = [900023, 90013].first(where: error.has) {
            return rejected(
                """
                Entra ID refused the sign-in with AADSTS\(code); leadcheck infers a malformed Directory ID\
                 '\(settings.tenantID ?? "")' (an inference from the code, not a documented mapping)
                """,
                """
                Check the Directory ID: copy the Directory (tenant) ID, a GUID, from the app registration's\
                 Overview page; see the evidence for Entra's own words.
                """
            )
        }
        if error.has(700016) {
            return rejected(
                "Entra ID has no application '\(settings.clientID ?? "")' in the directory",
                """
                Check the Application (client) ID (Partner Center: 'Application with identifier was not found\
                 in the directory'): copy it from the app registration's Overview page, and register the app\
                 for 'Accounts in any organizational directory'.
                """
            )
        }
        // docs/reference/dynamics.md §5: AADSTS500011 "The resource principal named … was not found" [REC].
        if error.has(500011) {
            return rejected(
                "Entra ID knows no resource \(settings.instanceURL) in the tenant (AADSTS500011: a wrong instance URL)",
                """
                Check the instance URL: it must be the environment URL from the Power Platform admin center,\
                 e.g. https://contoso.crm4.dynamics.com, with no path.
                """
            )
        }
        // Inferred, no capture in our evidence: AADSTS70011 and 1002012 (a scope Entra refuses)
        // read as an instance URL that makes a bad `<url>/.default` scope.
        if let code = [70011, 1_002_012].first(where: error.has) {
            return rejected(
                """
                Entra ID refused the scope \(settings.instanceURL)/.default (AADSTS\(code)); leadcheck infers\
                 a wrong instance URL (an inference from the code, not a documented mapping)
                """,
                """
                Check the instance URL: it must be the environment URL from the Power Platform admin center,\
                 e.g. https://contoso.crm4.dynamics.com, with no path; see the evidence for Entra's own words.
                """
            )
        }
        return rejected(
            "signing in to Entra ID failed (HTTP \(response.status))",
            "Check the Directory ID, Application (client) ID and client secret of the app registration.")
    }

    // MARK: Web API answers

    /// Whether a Web API response needs a new token or a wait.
    static func verdict(_ response: HTTPResponse) -> CallVerdict {
        if response.status == 401 { return .reauthenticate }
        if response.status == 429 || response.status == 503 { return .retryAfter(BearerSession.retryAfter(response)) }
        return .done
    }

    /// A Dataverse error, classified by its `error.code` (docs/reference/dynamics.md §5), as a finding
    /// with the FAQ's fix.
    func finding(_ response: HTTPResponse, lead: String?, action: String) async -> Finding {
        let error = DataverseError(response)
        let raw = error.error == nil ? String(response.text.prefix(300)) : error.message
        let message = await readTokens.redact(await tokens.redact(raw))
        let evidence = "HTTP \(response.status) \(error.error?.code ?? ""): \(message.prefix(300))"
        func make(_ findingCode: FindingCode, _ text: String, _ hint: String, field: String? = nil) -> Finding {
            Finding(
                code: findingCode, destination: name, lead: lead, field: field, message: "\(action): \(text)",
                hint: hint, evidence: evidence)
        }
        let role = "Microsoft Marketplace Lead Writer"
        switch error.code {
        case DataverseError.securedColumn:
            // 0x8004F502 AttributePrivilegeCreateIsMissing [DOC web-service-error-codes]; the FAQ's
            // Partner Center text for it names leadsourcecode.
            return make(
                .permissionMissing, "a secured column refuses create (AttributePrivilegeCreateIsMissing)",
                """
                Partner Center reports this as 'User does not have create permissions for the leadsourcecode\
                 attribute in the lead entity': give the application user a field security profile with\
                 Create on the lead's leadsourcecode (Lead Source) column, or remove field security from that\
                 column.
                """,
                field: LeadField.leadSourceCode.rawValue)
        case DataverseError.missingPrivilege:
            let privilege = error.missingPrivilegeName ?? "a privilege"
            let what =
                privilege.hasPrefix("prvCreate")
                ? "create leads — Microsoft's connector cannot write any lead"
                : privilege.hasPrefix("prvRead")
                    ? "read leads (only leadcheck's read-back needs it)"
                    : privilege.hasPrefix("prvDelete") ? "delete leads (only leadcheck's cleanup needs it)" : "do this"
            return make(
                .permissionMissing, "the application user lacks \(privilege), so it cannot \(what)",
                privilege.hasPrefix("prvCreate")
                    ? """
                    Assign the \(role) role to the application user (Power Platform admin center → Users →\
                     Application users), and check that the role still grants Create on Lead.
                    """
                    : """
                    Add \(privilege) (Lead: \(privilege.hasPrefix("prvRead") ? "Read" : "Delete")) to a role\
                     of the application user, or give leadcheck separate read-back credentials.
                    """
            )
        case DataverseError.notAMember:
            return make(
                .permissionMissing,
                "the app is not an application user of this environment (0x80072560: the user is not a member of the organization)",
                """
                Create an Application User for client id \(settings.clientID ?? "") in this environment\
                 (Power Platform admin center → Environments → Settings → Users + permissions → Application\
                 users) and assign it the \(role) role.
                """
            )
        case DataverseError.tooLong:
            let column = error.tooLongColumn
            let field = column.flatMap(DynamicsColumns.field(of:))
            let limit = field.flatMap { FieldLimits.limit(of: $0, at: .dynamics) }
            return make(
                .deliverRejected,
                "Dataverse refused the lead: \(column ?? "a column") is longer than its maximum length",
                """
                Dataverse rejects values longer than the column (\(column ?? "?") holds\
                 \(limit.map(String.init) ?? "its maximum length") characters), so Microsoft's connector\
                 loses such a lead: raise the column's maximum length.
                """,
                field: field?.rawValue)
        case DataverseError.optionOutOfRange:
            return make(
                .deliverRejected, "Dataverse refused the lead: a choice value is not one of the column's options",
                """
                The leadsourcecode value \(settings.leadSourceCode) is not an option of the environment's\
                 Lead Source column: set leadSourceCode to one of its options, or add the option.
                """,
                field: LeadField.leadSourceCode.rawValue)
        case let code where DataverseError.throttling.contains(code):
            return make(
                .throttled, "Dataverse service protection throttled the request past the retry budget",
                "The environment is over its service-protection limits; retry later or raise --timeout (leadcheck waits as Retry-After asks within it)."
            )
        default:
            break
        }
        switch response.status {
        case 401:
            return make(
                .authRejected, "the instance refused the token",
                """
                Entra ID issued a token but Dataverse rejects it: check the instance URL, and that an\
                 Application User for client id \(settings.clientID ?? "") exists in this environment with\
                 the \(role) role.
                """
            )
        case 403:
            return make(
                .permissionMissing, "the application user lacks a privilege",
                "Give the application user the \(role) role, plus Read and Delete on Lead so leadcheck can read back and clean up."
            )
        case 429, 503:
            return make(
                .throttled, "Dataverse service protection throttled the request past the retry budget",
                "The environment is over its service-protection limits; retry later or raise --timeout (leadcheck waits as Retry-After asks within it)."
            )
        case 404:
            return make(
                .httpStatus, "the Web API answered 404",
                "Check the instance URL: it must be the Dynamics 365 environment URL (Partner Center: 'check that the URL is a valid Dynamics instance')."
            )
        default:
            return make(
                response.status >= 500 ? .httpStatus : .deliverRejected, "Dataverse answered HTTP \(response.status)",
                "Check the evidence; a business rule, plug-in or required field may block creating leads.")
        }
    }

    /// A Web API call; `fresh` opens a new connection (the preflight measures a full handshake).
    /// Delivery signs in exactly as Partner Center's app; `reading` calls (read-back, cleanup)
    /// use the `readback:` app when there is one.
    func call(
        _ method: String, _ resource: String, body: [UInt8]? = nil, prefer: String? = nil, fresh: Bool = false,
        reading: Bool = false
    ) async -> Result<HTTPResponse, BearerSession.Failure> {
        let settings = settings
        return await (reading ? readSession : session).send(
            {
                var request = Self.webAPI(method, settings, resource, token: $0, body: body, prefer: prefer)
                request.freshConnection = fresh
                return request
            }, verdict: Self.verdict)
    }

    // MARK: LeadDestination

    /// Signs in, then reads one lead: proves the secret, the application user and read access.
    public func preflight() async -> [Finding] {
        guard settings.authentication == .azureAD else {
            return [
                Finding(
                    code: .configUnsupported, destination: name,
                    message: "Office 365 (user name and password) sign-in cannot be verified",
                    hint:
                        """
                        leadcheck signs in as an Entra application only (password sign-in is blocked by MFA\
                         and being retired): register an app, create an Application User with the Microsoft\
                         Marketplace Lead Writer role, and switch Partner Center to Azure Active Directory\
                         with its Directory ID, Application ID and client secret.
                        """
                )
            ]
        }
        // WhoAmI proves the token and that the app is an application user of this environment,
        // without needing read on lead: a write-only Lead Writer passes (docs/reference/dynamics.md §5).
        switch await call("GET", "WhoAmI", fresh: true) {
        case .failure(let failure):
            return failure.findings(destination: name, lead: nil, action: "signing in to the environment")
        case .success(let response):
            facts.withLock { if $0 == nil { $0 = response.connectionFacts } }
            if response.isSuccess { return TLSWarnings.expiry(response.tls, destination: name) }
            return [await finding(response, lead: nil, action: "signing in to the environment")]
        }
    }

    /// The lead's email (how it is found again), or its marker when it has none.
    public func receipt(for lead: Lead) -> Receipt { lead.customer.email.map(Receipt.email) ?? .marker(lead.marker) }

    /// Creates the lead; the receipt becomes its `leadid`.
    public func deliver(_ lead: Lead) async -> Delivery {
        switch await call("POST", "leads?$select=leadid", body: encoder.encode(lead), prefer: "return=representation") {
        case .failure(let failure):
            return .failed(failure.findings(destination: name, lead: lead.marker, action: "creating the lead"))
        case .success(let response):
            guard response.isSuccess else {
                return .failed([await finding(response, lead: lead.marker, action: "creating the lead")])
            }
            if let id = JSONValue.decode(JSONObject.self, from: response.body)?["leadid"]?.string {
                return .accepted(receipt: .recordID(id))
            }
            // Without a representation, 204 + OData-EntityId carries the id (docs/reference/dynamics.md §4).
            if let entity = response.headers["OData-EntityId"], let open = entity.lastIndex(of: "("),
                entity.hasSuffix(")")
            {
                return .accepted(
                    receipt: .recordID(
                        String(entity[entity.index(after: open)..<entity.index(before: entity.endIndex)])))
            }
            return .accepted(receipt: receipt(for: lead))
        }
    }

    /// The stored values of a Dataverse lead row. `updateValue` keeps a column that is null or
    /// absent as a nil value (stored as nothing, which the comparator reports); assigning an
    /// optional chain through the subscript would drop the key, and an unheld field is not compared.
    static func stored(_ row: JSONObject) -> [LeadField: String?] {
        var out: [LeadField: String?] = [:]
        for (column, field) in DynamicsColumns.text { out.updateValue(row["\(column)"]?.string, forKey: field) }
        // A picklist reads back as a number; absent or null when nothing was stored.
        let code = row["\(DynamicsColumns.leadSourceCode)"]?.number
        out.updateValue(code.map { JSONValue.number($0).text }, forKey: .leadSourceCode)
        return out
    }

    /// Reads the lead back by `emailaddress1` (as the notes' read-back does, exercising the
    /// OData literal escaping with every variant), picking the row with the created `leadid`;
    /// a lead without an email, or whose stored email differs, is read by id.
    public func readBack(_ lead: Lead, receipt: Receipt) async -> ReadBack {
        if let email = lead.customer.email {
            switch await rows(email: email) {
            case .failure(let failure):
                if let denied = failure.findings(lead: lead.marker).first(where: { $0.code == .readbackDenied }) {
                    return .denied(denied)
                }
                return .failed(failure.findings(lead: lead.marker, code: .readbackFailed))
            case .success(let rows):
                if let row = Self.row(of: lead, receipt: receipt, in: rows) { return .found(Self.stored(row)) }
                guard case .recordID = receipt else {
                    return .missing(
                        Finding(
                            code: .readbackMissing, destination: name, lead: lead.marker,
                            message: "the created lead is not found by its email",
                            hint:
                                """
                                Something deleted the lead or rewrote its email right after creation: check\
                                 workflows, plug-ins or duplicate-detection jobs on lead.
                                """
                        ))
                }
            }
        }
        guard case .recordID(let id) = receipt else { return await find(marker: lead.marker, email: nil) }
        switch await call("GET", "leads(\(id))?$select=\(Self.columns.joined(separator: ","))", reading: true) {
        case .failure(let failure):
            return .failed(failure.findings(destination: name, lead: lead.marker, action: "reading the lead back"))
        case .success(let response):
            if response.status == 404 {
                return .missing(
                    Finding(
                        code: .readbackMissing, destination: name, lead: lead.marker,
                        message: "the created lead is gone",
                        hint:
                            "Something deleted the lead right after creation: check workflows, plug-ins or duplicate-detection jobs on lead."
                    ))
            }
            guard response.isSuccess, let row = JSONValue.decode(JSONObject.self, from: response.body) else {
                return .failed([
                    await finding(response, lead: lead.marker, action: "reading the lead back").with(
                        code: .readbackFailed)
                ])
            }
            return .found(Self.stored(row))
        }
    }

    /// Emails per read-back query. Inferred: the reference gives no URL limit for the Web API;
    /// 25 addresses keep the query a few kilobytes long.
    public var batchLimit: Int { 25 }

    /// Reads a batch with one query by email; a lead without an email, or not among the rows,
    /// is read on its own (by id, or to say it is missing).
    public func readBack(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack] {
        let emails = batch.compactMap(\.lead.customer.email)
        guard emails.count > 1 else { return await readBackOneByOne(batch) }
        switch await rows(resource: Self.queryResource(emails: emails)) {
        case .failure(let failure):
            return batch.map { item in
                if let denied = failure.findings(lead: item.lead.marker).first(where: { $0.code == .readbackDenied }) {
                    return .denied(denied)
                }
                return .failed(failure.findings(lead: item.lead.marker, code: .readbackFailed))
            }
        case .success(let rows):
            var answers: [ReadBack] = []
            for item in batch {
                if item.lead.customer.email != nil, let row = Self.row(of: item.lead, receipt: item.receipt, in: rows) {
                    answers.append(.found(Self.stored(row)))
                } else {
                    answers.append(await readBack(item.lead, receipt: item.receipt))
                }
            }
            return answers
        }
    }

    /// The row a delivered lead was stored as: the created `leadid`, else the exact marker.
    static func row(of lead: Lead, receipt: Receipt, in rows: [JSONObject]) -> JSONObject? {
        if case .recordID(let id) = receipt {
            return rows.first { $0["leadid"]?.string?.lowercased() == id.lowercased() }
        }
        return rows.first { carries(lead.marker, $0) }
    }

    /// Whether a row carries exactly this marker, in its description or email.
    static func carries(_ marker: String, _ row: JSONObject) -> Bool {
        LeadMarker.matches(
            marker, description: row["\(DynamicsColumns.description)"]?.string ?? "",
            email: row["\(DynamicsColumns.email)"]?.string ?? "")
    }

    /// Rows whose email equals `email` (case-insensitively, as Dataverse compares).
    func rows(email: String) async -> Result<[JSONObject], FindingsFailure> {
        await rows(resource: Self.queryResource(column: "\(DynamicsColumns.email)", equals: email))
    }

    func rows(resource: String) async -> Result<[JSONObject], FindingsFailure> {
        switch await call("GET", resource, reading: true) {
        case .failure(let failure):
            return .failure(
                FindingsFailure(findings: failure.findings(destination: name, lead: nil, action: "querying leads")))
        case .success(let response):
            if let denied = readDenied(response) { return .failure(FindingsFailure(findings: [denied])) }
            guard response.isSuccess,
                let rows = JSONValue.decode(ODataCollection<JSONObject>.self, from: response.body)?.value
            else {
                return .failure(
                    FindingsFailure(findings: [await finding(response, lead: nil, action: "querying leads")]))
            }
            return .success(rows)
        }
    }

    /// A correctly set up Lead Writer may not read leads ("only has permissions to write the
    /// leads", PC-dyn 2023): a 403 `0x80040220` naming `prvReadLead` is a warning, not a broken
    /// destination — Microsoft's connector only writes.
    func readDenied(_ response: HTTPResponse) -> Finding? {
        let error = DataverseError(response)
        guard error.code == DataverseError.missingPrivilege, error.missingPrivilegeName?.hasPrefix("prvRead") == true
        else { return nil }
        return Finding(
            code: .readbackDenied, severity: .warning, destination: name,
            message:
                "the lead was created, but the application user may not read leads (prvReadLead), so it was not compared or removed",
            hint:
                """
                Writing is all Microsoft's connector needs. To let leadcheck compare and clean up, add Read\
                 and Delete on Lead to a role of the application user (or a separate reader app); the run's\
                 journal keeps the lead, so `leadcheck cleanup --journal` can remove it later.
                """,
            evidence: "HTTP \(response.status) \(error.error?.code ?? ""): \(error.message.prefix(200))")
    }

    func find(marker: String, email: String?) async -> ReadBack {
        let found: Result<[JSONObject], FindingsFailure> =
            if let email { await rows(email: email) } else { await rows(prefix: marker) }
        switch found {
        case .failure(let failure): return .failed(failure.findings(lead: marker))
        case .success(let rows):
            // Exactly this marker: `_1` must not read lead `_12`, and no row is taken on trust.
            let exact = rows.first { Self.carries(marker, $0) }
            guard let row = exact else {
                return .missing(
                    Finding(
                        code: .readbackMissing, destination: name, lead: marker,
                        message: "no lead in Dynamics carries \(marker)", hint: "The lead did not arrive here."))
            }
            return .found(Self.stored(row))
        }
    }

    /// Rows whose email or description starts with `prefix`.
    func rows(prefix: String) async -> Result<[JSONObject], FindingsFailure> {
        var all: [JSONObject] = []
        let email = "\(DynamicsColumns.email)"
        for column in [email, "\(DynamicsColumns.description)"] {
            let value = column == email ? prefix.lowercased() : prefix
            switch await call("GET", Self.prefixResource(column: column, prefix: value), reading: true) {
            case .failure(let failure):
                return .failure(
                    FindingsFailure(findings: failure.findings(destination: name, lead: nil, action: "querying leads")))
            case .success(let response):
                guard response.isSuccess,
                    let rows = JSONValue.decode(ODataCollection<JSONObject>.self, from: response.body)?.value
                else {
                    return .failure(
                        FindingsFailure(findings: [await finding(response, lead: nil, action: "querying leads")]))
                }
                for row in rows where !all.contains(where: { $0["leadid"] == row["leadid"] }) { all.append(row) }
            }
        }
        return .success(all)
    }

    /// Finds a lead another flow wrote, by marker.
    public func find(marker: String) async -> ReadBack { await find(marker: marker, email: nil) }

    /// `$filter` on `emailaddress1`, 25 emails a query (as read-back batches them).
    public func storedEmails(among emails: [String]) async -> EmailPresence {
        var found: [String: [String]] = [:]
        for start in stride(from: 0, to: emails.count, by: 25) {
            switch await rows(
                resource: Self.queryResource(emails: Array(emails[start..<min(start + 25, emails.count)])))
            {
            case .failure(let failure): return .failed(failure.findings)
            case .success(let rows):
                found.merge(
                    EmailPresence.leads(
                        rows, column: "\(DynamicsColumns.email)", offerColumns: ["\(DynamicsColumns.subject)"]),
                    uniquingKeysWith: +)
            }
        }
        return .found(found)
    }

    /// Deletes by id; a lead known by its email or marker is looked up first. One `DELETE` per row
    /// (docs/reference/dynamics.md §4: `DELETE leads(<leadid>)` → 204); 404 is nothing stored.
    public func remove(marker: String, receipt: Receipt) async -> Removal {
        var ids: [String] = []
        if case .recordID(let id) = receipt {
            ids = [id]
        } else {
            let found: Result<[JSONObject], FindingsFailure>
            if case .email(let email) = receipt {
                found = await rows(email: email)
            } else {
                found = await rows(prefix: marker)
            }
            switch found {
            case .failure(let failure): return .failed(failure.findings(lead: marker, code: .cleanupFailed))
            case .success(let rows):
                ids = rows.filter { Self.carries(marker, $0) }.compactMap { $0["leadid"]?.string }
            }
        }
        var problems: [Finding] = []
        var removed = 0
        for id in ids {
            switch await call("DELETE", "leads(\(id))", reading: true) {
            case .failure(let failure):
                problems += failure.findings(destination: name, lead: marker, action: "deleting the test lead").map {
                    $0.with(code: .cleanupFailed)
                }
            case .success(let response):
                if response.isSuccess {
                    removed += 1
                } else if response.status != 404 {
                    problems.append(
                        await finding(response, lead: marker, action: "deleting the test lead").with(
                            code: .cleanupFailed))
                }
            }
        }
        if !problems.isEmpty { return .failed(problems) }
        return removed > 0 ? .removed(removed) : .notFound
    }

    /// Every request this destination sent (token requests included).
    public var apiCalls: Int { client.requestCount }

    /// Deletes every lead whose email or description starts with the prefix.
    public func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding]) {
        switch await rows(prefix: markerPrefix) {
        case .failure(let failure): return (0, failure.findings(lead: nil, code: .cleanupFailed))
        case .success(let rows):
            var removed = 0
            var problems: [Finding] = []
            for id in rows.compactMap({ $0["leadid"]?.string }) {
                let removal = await remove(marker: markerPrefix, receipt: .recordID(id))
                if case .removed = removal { removed += 1 } else { problems += removal.findings }
            }
            return (removed, problems)
        }
    }
}
