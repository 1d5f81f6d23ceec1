import Foundation
import LeadModel
import LeadTransport
import LeadWire

/// An Azure Table, written the way Microsoft's connector writes it (docs/reference/azure-table.md): the
/// `MarketplaceLeads` table created if missing, a string-only entity with `CustomerInfo` as JSON,
/// Shared Key auth with a pinned `x-ms-version`; read back by PartitionKey + RowKey; deleted with
/// `If-Match: *`.
public struct AzureTableDestination: LeadDestination {
    /// The configured name.
    public let name: String
    /// Azure Table.
    public var kind: DestinationKind { .azureTable }
    /// Always: entities are read back by their keys.
    public var readsBack: Bool { true }
    let connection: AzureConnectionString
    let table: String
    let client: HTTPClient
    let signer: SharedKeySigner
    let encoder: AzureTableEntityEncoder
    let facts = LockedValue<ConnectionFacts?>(nil)

    /// What the preflight's table creation measured.
    public var connectionFacts: ConnectionFacts? { facts.value }

    /// The service version leadcheck signs for; JSON payloads need 2013-08-15 or later.
    public static let version = "2019-02-02"

    /// Creates the destination.
    public init(
        name: String, connection: AzureConnectionString, table: String, client: HTTPClient,
        wire: WireOptions = WireOptions()
    ) throws(LeadCheckError) {
        self.name = name
        self.connection = connection
        self.table = table
        self.client = client
        signer = try SharedKeySigner(account: connection.account, key: connection.key)
        var options = wire.azureTable
        options.tableName = table
        encoder = AzureTableEntityEncoder(options: options, leadSourceFormat: wire.leadSourceFormat)
    }

    /// The entity's values (docs/reference/azure-table.md §2): `LeadSource` as configured (full by default),
    /// `ActionCode`, `OfferDisplayName`, `CustomerInfo`'s fields, `Description`.
    public func delivered(_ lead: Lead) -> [LeadField: String] {
        LeadField.common(lead, leadSource: encoder.leadSourceValue(lead), actionAndOffer: true)
    }

    /// The entity property (customer fields inside `CustomerInfo`).
    public func column(of field: LeadField) -> String { AzureTableColumns.column(of: field) }

    /// A signed request to `resource` (a path below the endpoint, already percent-encoded).
    func request(
        _ method: String, _ resource: String, query: String? = nil, body: [UInt8]? = nil, extra: [(String, String)] = []
    ) -> HTTPRequest {
        let url = connection.tableEndpoint + resource + (query.map { "?\($0)" } ?? "")
        let path = URLComponents(string: url)?.percentEncodedPath ?? resource
        let date = LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).rfc1123
        let contentType = body == nil ? "" : "application/json"
        var headers = HTTPHeaders()
        headers.add("x-ms-date", date)
        headers.add("x-ms-version", Self.version)
        headers.add("Accept", "application/json;odata=nometadata")
        headers.add("DataServiceVersion", "3.0;NetFx")
        if body != nil { headers.add("Content-Type", contentType) }
        for (name, value) in extra { headers.add(name, value) }
        headers.add(
            "Authorization",
            signer.authorization(method: method, contentType: contentType, date: date, path: path, query: query))
        return HTTPRequest(
            method: method, url: url, headers: headers, body: body.map { .bytes($0, contentType: contentType) } ?? .none
        )
    }

    /// The finding for an unexpected answer, with the hint for its error code
    /// (docs/reference/azure-table.md §8).
    func finding(_ response: HTTPResponse, lead: String?, action: String, now: Date = Date()) -> Finding {
        let error = AzureTableError(response)
        let code = error.code.isEmpty ? "no error code" : error.code
        let message = error.message
        switch error.code {
        case "AuthenticationFailed":
            // The service's text never says why (docs/reference/azure-table.md §8: no AuthenticationErrorDetail
            // in JSON), so skew is read from the clock: its Date against ours.
            if let offset = ClockCheck.offset(response, now: now), abs(offset) > ClockCheck.storageLimitSeconds {
                return Finding(
                    code: .clockSkew, destination: name, lead: lead,
                    message:
                        """
                        \(action): AuthenticationFailed, and this machine's clock is \(abs(offset)) s\
                         \(offset > 0 ? "ahead of" : "behind") the storage service's
                        """,
                    hint:
                        "Sync this machine's clock (NTP): Azure Storage refuses Shared Key requests dated more than 15 minutes from its own clock.",
                    evidence: "HTTP \(response.status) \(code); Date: \(response.headers["Date"] ?? "")")
            }
            return Finding(
                code: .authRejected, destination: name, lead: lead, message: "\(action): AuthenticationFailed",
                hint:
                    "Check the AccountKey in the connection string: it must be a current key of account '\(connection.account)' (keys change when rotated).",
                evidence: "HTTP \(response.status) \(code): \(message)")
        case "AuthorizationFailure":
            // [REC] AzureStorageExplorer#8869; [3P] azure-docs#56583.
            return Finding(
                code: .accessBlocked, destination: name, lead: lead,
                message: "\(action): AuthorizationFailure — the storage account's network rules refused the request",
                hint:
                    """
                    The account's firewall admits only selected networks, which also shuts out Microsoft's\
                     lead connector (Microsoft publishes no source addresses for it): set Networking → Public\
                     network access to \"Enabled from all networks\" for account '\(connection.account)', or\
                     use another destination.
                    """,
                evidence: "HTTP \(response.status) \(code): \(message)")
        case "KeyBasedAuthenticationNotPermitted":
            // [3P] azure-powershell#19208, AzureStorageExplorer#8090.
            return Finding(
                code: .accessBlocked, destination: name, lead: lead,
                message: "\(action): shared key access is disabled on account '\(connection.account)'",
                hint:
                    """
                    Microsoft's connector authenticates with the connection string's account key, which this\
                     account refuses: set Configuration → \"Allow storage account key access\" to Enabled.
                    """,
                evidence: "HTTP \(response.status) \(code): \(message)")
        case "TableNotFound":
            return Finding(
                code: .deliverRejected, destination: name, lead: lead, message: "\(action): TableNotFound",
                hint:
                    "Microsoft creates the \(table) table itself, but leadcheck could not create it: check that the key's account allows creating tables.",
                evidence: "HTTP \(response.status) \(code)")
        case "ServerBusy":
            return Finding(
                code: .throttled, destination: name, lead: lead, message: "\(action): the storage service is busy",
                hint: "Retry later; the account is throttled.",
                evidence: "HTTP \(response.status) \(code)")
        default:
            return Finding(
                code: response.status == 503 || response.status == 429 ? .throttled : .httpStatus, destination: name,
                lead: lead,
                message: "\(action): HTTP \(response.status) \(code)",
                hint: "The storage service refused the request: \(message)",
                evidence: "HTTP \(response.status) \(code): \(message)")
        }
    }

    /// Creates the table if missing (Microsoft does), which also proves the key and the clock.
    public func preflight() async -> [Finding] {
        do {
            var create = request(
                "POST", "/Tables", body: Array("{\"TableName\":\"\(table)\"}".utf8),
                extra: [("Prefer", "return-no-content")])
            create.freshConnection = true
            let response = try await client.send(create)
            facts.withLock { if $0 == nil { $0 = response.connectionFacts } }
            // The normal case: Microsoft created the table already (409 TableAlreadyExists, its code in the body).
            if response.isSuccess || AzureTableError(response).code == "TableAlreadyExists" {
                return TLSWarnings.expiry(response.tls, destination: name)
                    + ClockCheck.skew(response, destination: name)
            }
            return [finding(response, lead: nil, action: "creating the \(table) table")]
        } catch {
            return [
                TransportFindings.finding(error, destination: name, lead: nil, action: "creating the \(table) table")
            ]
        }
    }

    /// The entity's keys: fixed by the lead before it is sent.
    public func receipt(for lead: Lead) -> Receipt {
        .entity(partitionKey: encoder.partitionKey(lead), rowKey: encoder.rowKey(lead))
    }

    /// Inserts the entity.
    public func deliver(_ lead: Lead) async -> Delivery {
        let receipt = receipt(for: lead)
        do {
            let response = try await client.send(
                request("POST", "/\(table)", body: encoder.encode(lead), extra: [("Prefer", "return-no-content")]))
            return response.isSuccess
                ? .accepted(receipt: receipt)
                : .failed([finding(response, lead: lead.marker, action: "inserting the lead")])
        } catch {
            return .failed([
                TransportFindings.finding(error, destination: name, lead: lead.marker, action: "inserting the lead")
            ])
        }
    }

    /// `(PartitionKey='…',RowKey='…')` with quotes doubled and percent-encoded.
    static func keyPath(_ receipt: Receipt) -> String {
        guard case .entity(let partitionKey, let rowKey) = receipt else {
            return keyPath(Receipt(text: receipt.text, kind: .entity, destination: .azureTable))
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func encode(_ s: String) -> String {
            s.replacingOccurrences(of: "'", with: "''").addingPercentEncoding(withAllowedCharacters: allowed) ?? s
        }
        return "(PartitionKey='\(encode(partitionKey))',RowKey='\(encode(rowKey))')"
    }

    /// Reads the entity back and unpacks `CustomerInfo`.
    public func readBack(_ lead: Lead, receipt: Receipt) async -> ReadBack {
        await readBack(marker: lead.marker, receipt: receipt)
    }

    func readBack(marker: String, receipt: Receipt) async -> ReadBack {
        do {
            let response = try await client.send(request("GET", "/\(table)\(Self.keyPath(receipt))"))
            if response.status == 404 {
                return .missing(
                    Finding(
                        code: .readbackMissing, destination: name, lead: marker,
                        message: "the inserted entity is not in \(table)",
                        hint: "Something deleted or never kept the entity; check for a cleanup job on the table."))
            }
            guard response.isSuccess, let entity = JSONValue.decode(JSONObject.self, from: response.body) else {
                return .failed([finding(response, lead: marker, action: "reading the lead back")])
            }
            return .found(Self.stored(entity))
        } catch {
            return .failed([
                TransportFindings.finding(error, destination: name, lead: marker, action: "reading the lead back")
            ])
        }
    }

    /// What an entity holds, by lead field; `CustomerInfo` unpacked.
    static func stored(_ entity: JSONObject) -> [LeadField: String?] {
        var stored: [LeadField: String?] = [:]
        for (name, field) in AzureTableColumns.leadLevel {
            stored.updateValue(entity["\(name)"]?.string, forKey: field)
        }
        let info = customerInfo(entity) ?? [:]
        for field in CustomerField.allCases {
            stored.updateValue(info[field.rawValue]?.string, forKey: LeadField(rawValue: field.rawValue)!)
        }
        return stored
    }

    /// The entity's `CustomerInfo`: a JSON object kept as a string property (docs/reference/azure-table.md §2).
    static func customerInfo(_ entity: JSONObject) -> JSONObject? {
        let text = entity["\(AzureTableColumns.customerInfo)"]?.string
        return text.flatMap { JSONValue.decode(JSONObject.self, from: Array($0.utf8)) }
    }

    /// Visits every entity whose Description or email starts with `markerPrefix` (every one,
    /// when nil) and that `filter` admits, page by page (CustomerInfo is a JSON string, so the
    /// service cannot filter on it, docs/reference/azure-table.md §4); returns a finding when listing failed.
    func scan(
        markerPrefix: String?, filter: String? = nil, columns: [String] = [],
        visit: (_ entity: JSONObject, _ receipt: Receipt) async -> Bool
    ) async -> Finding? {
        var continuation: (String, String)?
        repeat {
            var query =
                "$select="
                + (["PartitionKey", "RowKey", "\(AzureTableColumns.description)", "\(AzureTableColumns.customerInfo)"]
                + columns).joined(separator: ",")
            // querying-tables-and-entities (docs/reference/azure-table.md §4): the filter percent-encoded, spaces as %20.
            if let filter { query += "&$filter=\(QueryLiteral.urlComponent(filter))" }
            if let (pk, rk) = continuation {
                let allowed = CharacterSet.alphanumerics
                query +=
                    """
                    &NextPartitionKey=\(pk.addingPercentEncoding(withAllowedCharacters: allowed) ?? pk)\
                    &NextRowKey=\(rk.addingPercentEncoding(withAllowedCharacters: allowed) ?? rk)
                    """
            }
            let response: HTTPResponse
            do { response = try await client.send(request("GET", "/\(table)()", query: query)) } catch {
                return TransportFindings.finding(error, destination: name, lead: nil, action: "listing the table")
            }
            if response.status == 404 { return nil }
            guard response.isSuccess,
                let page = JSONValue.decode(ODataCollection<JSONObject>.self, from: response.body)?.value
            else {
                return finding(response, lead: nil, action: "listing the table")
            }
            for entity in page {
                let description = entity["\(AzureTableColumns.description)"]?.string ?? ""
                let email = (Self.customerInfo(entity)?[CustomerField.email.rawValue]?.string ?? "").lowercased()
                guard markerPrefix.map({ description.hasPrefix($0) || email.hasPrefix($0.lowercased()) }) ?? true,
                    let pk = entity["PartitionKey"]?.string, let rk = entity["RowKey"]?.string
                else { continue }
                if await !visit(entity, .entity(partitionKey: pk, rowKey: rk)) { return nil }
            }
            if let pk = response.headers["x-ms-continuation-NextPartitionKey"],
                let rk = response.headers["x-ms-continuation-NextRowKey"]
            {
                continuation = (pk, rk)
            } else {
                continuation = nil
            }
        } while continuation != nil
        return nil
    }

    /// Entities written since `since` without a marker, found by `Timestamp` (the documented
    /// notification query, docs/reference/azure-table.md §1): those whose `CustomerInfo` fields and
    /// `Description` are all blank, and those holding values. The columns are the table's own, so
    /// they say nothing of the keys the flow read.
    public func unmarkedRecords(since: LeadTimestamp) async -> UnmarkedRecords? {
        var tally = UnmarkedRecords()
        let failure = await scan(markerPrefix: nil, filter: "Timestamp ge datetime'\(since.iso8601)'") { entity, _ in
            let info = Self.customerInfo(entity) ?? [:]
            let values = [entity["\(AzureTableColumns.description)"]] + CustomerField.allCases.map { info[$0.rawValue] }
            let texts = values.map { ($0?.string ?? "").trimmingCharacters(in: .whitespaces) }
            if texts.allSatisfy(\.isEmpty) {
                tally.blank += 1
            } else if !texts.contains(where: { $0.contains("LCTEST_") || $0.contains("MSFT_TEST_") }) {
                tally.withValues += 1
            }
            return true
        }
        return failure == nil ? tally : nil
    }

    /// Every entity's `CustomerInfo` email (the service cannot filter inside that JSON string,
    /// docs/reference/azure-table.md §4): one scan of the table.
    public func storedEmails(among emails: [String]) async -> EmailPresence {
        let wanted = Set(emails.map(EmailPresence.key))
        var found: [String: [String]] = [:]
        let failure = await scan(
            markerPrefix: nil, columns: ["\(AzureTableColumns.leadSource)", "\(AzureTableColumns.offer)"]
        ) { entity, _ in
            if let email = Self.customerInfo(entity)?[CustomerField.email.rawValue]?.string.map(EmailPresence.key),
                wanted.contains(email)
            {
                found[email, default: []] += [
                    entity["\(AzureTableColumns.leadSource)"]?.string, entity["\(AzureTableColumns.offer)"]?.string,
                ].compactMap { $0 }.filter { !$0.isEmpty }
            }
            return true
        }
        if let failure { return .failed([failure]) }
        return .found(found)
    }

    /// Deletes every entity carrying a marker that starts with the prefix.
    public func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding]) {
        var removed = 0
        var findings: [Finding] = []
        let failure = await scan(markerPrefix: markerPrefix) { entity, receipt in
            let removal = await remove(
                marker: String((entity["\(AzureTableColumns.description)"]?.string ?? "").prefix(40)), receipt: receipt)
            if case .removed = removal { removed += 1 } else { findings += removal.findings }
            return true
        }
        if var failure {
            failure.code = .cleanupFailed
            findings.append(failure)
        }
        return (removed, findings)
    }

    /// Finds the entity a flow wrote for this marker.
    public func find(marker: String) async -> ReadBack {
        var receipt: Receipt?
        let failure = await scan(markerPrefix: marker) { entity, key in
            let description = entity["\(AzureTableColumns.description)"]?.string ?? ""
            let email = Self.customerInfo(entity)?[CustomerField.email.rawValue]?.string ?? ""
            let exact = LeadMarker.matches(marker, description: description, email: email)
            if exact { receipt = key }
            return !exact
        }
        if let failure { return .failed([failure]) }
        guard let receipt else {
            return .missing(
                Finding(
                    code: .readbackMissing, destination: name, lead: marker,
                    message: "no entity in \(table) carries \(marker)",
                    hint: "The lead did not arrive here."))
        }
        let lead = marker
        return await readBack(marker: lead, receipt: receipt)
    }

    /// Deletes the entity by its keys, one call per entity (docs/reference/azure-table.md §4, step 5); a 404
    /// is nothing stored.
    public func remove(marker: String, receipt: Receipt) async -> Removal {
        do {
            let response = try await client.send(
                request("DELETE", "/\(table)\(Self.keyPath(receipt))", extra: [("If-Match", "*")]))
            if response.isSuccess { return .removed(1) }
            if response.status == 404 { return .notFound }
            return .failed([
                finding(response, lead: marker, action: "deleting the test lead").with(code: .cleanupFailed)
            ])
        } catch {
            return .failed([
                TransportFindings.finding(error, destination: name, lead: marker, action: "deleting the test lead")
                    .with(code: .cleanupFailed)
            ])
        }
    }

    /// Every request this destination sent.
    public var apiCalls: Int { client.requestCount }
}
