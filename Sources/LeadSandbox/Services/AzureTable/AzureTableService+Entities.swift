import Foundation
import HTTPTypes
import LeadModel

extension AzureTableService {
    static let maxKeyBytes = 1024
    static let maxStringCharacters = 32 * 1024
    static let maxEntityBytes = 1 << 20
    static let maxCustomProperties = 252

    /// Whether a key contains a character the service forbids: `/ \ # ?`, U+0000–001F, U+007F–009F.
    static func hasForbiddenKeyCharacter(_ key: String) -> Bool {
        key.unicodeScalars.contains {
            "/\\#?".unicodeScalars.contains($0) || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
        }
    }

    /// `2026-11-25T10:00:00.1234567Z`, the service's 7-digit timestamp.
    static func timestampNow() -> String {
        let now = Date().timeIntervalSince1970
        let seconds = Int64(now)
        let ticks = Int((now - Double(seconds)) * 10_000_000)
        let base = SandboxDate.iso8601(seconds).dropLast()
        let fraction = String(ticks)
        return "\(base).\(String(repeating: "0", count: max(0, 7 - fraction.count)))\(fraction)Z"
    }

    static func etag(for timestamp: String) -> String {
        "W/\"datetime'\(timestamp.replacingOccurrences(of: ":", with: "%3A"))'\""
    }

    func insert(_ request: SandboxRequest, account: String, table: String) async throws -> SandboxResponse {
        guard let tableName = try await store.tableName(account: account, name: table) else {
            return Self.error(404, "TableNotFound", "The table specified does not exist.")
        }
        guard request.body.count <= Self.maxEntityBytes else {
            return Self.error(400, "EntityTooLarge", "The entity is larger than the maximum allowed size (1MB).")
        }
        guard var object = SandboxJSON.parseObject(request.body) else {
            return Self.error(
                400, "InvalidInput", "An error occurred while processing this request: the body is not a JSON entity.")
        }
        guard let pk = object["PartitionKey"]?.string, let rk = object["RowKey"]?.string else {
            return Self.error(
                400, "PropertiesNeedValue", "The values are not specified for all properties in the entity.")
        }
        for (name, key) in [("PartitionKey", pk), ("RowKey", rk)] {
            if key.utf16.count * 2 > Self.maxKeyBytes {
                return Self.error(400, "OutOfRangeInput", "The '\(name)' parameter is longer than 1 KiB.")
            }
            if Self.hasForbiddenKeyCharacter(key) {
                return Self.error(
                    400, "InvalidInput",
                    "The '\(name)' contains a character that is not allowed in keys (/ \\ # ? or a control character).")
            }
        }
        for key in [
            "PartitionKey", "RowKey", "Timestamp", "odata.metadata", "odata.etag", "odata.type", "odata.id",
            "odata.editLink",
        ] {
            object[key] = nil
        }
        let customProperties = object.keys.filter { !$0.contains("@odata.") }
        if customProperties.count > Self.maxCustomProperties {
            return Self.error(400, "TooManyProperties", "The entity contains more properties than allowed.")
        }
        for name in customProperties {
            if name.count > 255 || name.contains("-") || name.first?.isNumber == true || name.isEmpty {
                return Self.error(400, "PropertyNameInvalid", "The property name '\(name)' is invalid.")
            }
            if let text = object[name]?.string, text.utf16.count > Self.maxStringCharacters {
                return Self.error(
                    400, "PropertyValueTooLarge",
                    """
                    The property value exceeds the maximum allowed size (64KB). If the property value is a\
                     string, it is UTF-16 encoded and the maximum number of characters should be 32K or less.
                    """
                )
            }
        }
        object = FieldMangling.apply(faults.effects(for: .azureTable), toEntity: object)
        let timestamp = Self.timestampNow()
        let etag = Self.etag(for: timestamp)
        let properties = SandboxJSON.object(object).text
        let stored = StoredEntity(
            partitionKey: pk, rowKey: rk, timestamp: timestamp, etag: etag, properties: properties)
        guard try await store.insertEntity(account: account, table: tableName, entity: stored) else {
            return Self.error(409, "EntityAlreadyExists", "The specified entity already exists.")
        }
        if (request.headers[.prefer] ?? "").contains("return-no-content") {
            return SandboxResponse(
                status: 204,
                headers: standardHeaders([
                    .eTag: etag, .preferenceApplied: "return-no-content",
                    .location:
                        "\(baseURL(request, account: account))/\(tableName)(PartitionKey='\(pk)',RowKey='\(rk)')",
                ]))
        }
        var body = render(stored, request: request, account: account, table: tableName)
        if metadataLevel(request) != "nometadata" {
            body["odata.metadata"] = .string("\(baseURL(request, account: account))/$metadata#\(tableName)/@Element")
        }
        return jsonResponse(201, body, request: request, extra: [.eTag: etag, .preferenceApplied: "return-content"])
    }

    func get(_ request: SandboxRequest, account: String, table: String, pk: String, rk: String) async throws
        -> SandboxResponse
    {
        guard let tableName = try await store.tableName(account: account, name: table) else {
            return Self.error(404, "TableNotFound", "The table specified does not exist.")
        }
        guard let entity = try await store.entity(account: account, table: tableName, partitionKey: pk, rowKey: rk)
        else {
            return Self.error(404, "ResourceNotFound", "The specified resource does not exist.")
        }
        var body = render(entity, request: request, account: account, table: tableName, select: selection(request))
        if metadataLevel(request) != "nometadata" {
            body["odata.metadata"] = .string("\(baseURL(request, account: account))/$metadata#\(tableName)/@Element")
        }
        return jsonResponse(200, body, request: request, extra: [.eTag: entity.etag])
    }

    func delete(_ request: SandboxRequest, account: String, table: String, pk: String, rk: String) async throws
        -> SandboxResponse
    {
        guard let tableName = try await store.tableName(account: account, name: table) else {
            return Self.error(404, "TableNotFound", "The table specified does not exist.")
        }
        guard let ifMatch = request.headers[.ifMatch] else {
            return Self.error(
                400, "MissingRequiredHeader",
                "An HTTP header that's mandatory for this request is not specified: If-Match.")
        }
        switch try await store.deleteEntity(
            account: account, table: tableName, partitionKey: pk, rowKey: rk, ifMatch: ifMatch)
        {
        case .deleted: return SandboxResponse(status: 204, headers: standardHeaders())
        case .notFound: return Self.error(404, "ResourceNotFound", "The specified resource does not exist.")
        case .etagMismatch:
            return Self.error(
                412, "UpdateConditionNotSatisfied", "The update condition specified in the request was not satisfied.")
        }
    }

    func selection(_ request: SandboxRequest) -> Set<String>? {
        guard let select = request.queryValue("$select"), !select.isEmpty else { return nil }
        return Set(select.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    func query(_ request: SandboxRequest, account: String, table: String) async throws -> SandboxResponse {
        guard let tableName = try await store.tableName(account: account, name: table) else {
            return Self.error(404, "TableNotFound", "The table specified does not exist.")
        }
        var filter: TableFilter?
        if let text = request.queryValue("$filter"), !text.isEmpty {
            do { filter = try TableFilter.parse(text) } catch {
                return Self.error(400, "InvalidInput", "The query condition specified in the request is invalid.")
            }
        }
        var top = 1000
        if let text = request.queryValue("$top") {
            guard let n = Int(text), (1...1000).contains(n) else {
                return Self.error(400, "InvalidInput", "The requested $top is not between 1 and 1000.")
            }
            top = n
        }
        var cursor: (String, String)?
        if let npk = request.queryValue("NextPartitionKey"), let nrk = request.queryValue("NextRowKey") {
            guard let pk = Self.decodeContinuation(npk), let rk = Self.decodeContinuation(nrk) else {
                return Self.error(400, "InvalidInput", "The continuation token is not valid.")
            }
            cursor = (pk, rk)
        }
        let select = selection(request)
        var results: [SandboxJSON] = []
        var next: (String, String)?
        scan: while true {
            let page = try await store.entities(account: account, table: tableName, after: cursor, limit: 1001)
            for entity in page {
                if results.count == top {
                    next = (entity.partitionKey, entity.rowKey)
                    break scan
                }
                let full = render(
                    entity, request: request, account: account, table: tableName, select: nil, forFilter: true)
                if filter?.matches(full) ?? true {
                    results.append(
                        .object(render(entity, request: request, account: account, table: tableName, select: select)))
                }
            }
            guard page.count == 1001, let last = page.last else { break }
            cursor = (last.partitionKey, last.rowKey)
        }
        var body: [String: SandboxJSON] = ["value": .array(results)]
        if metadataLevel(request) != "nometadata" {
            body["odata.metadata"] = .string("\(baseURL(request, account: account))/$metadata#\(tableName)")
        }
        var extra: HTTPFields = [:]
        if let next {
            extra.append(HTTPField(name: .msContinuationNextPartitionKey, value: Self.encodeContinuation(next.0)))
            extra.append(HTTPField(name: .msContinuationNextRowKey, value: Self.encodeContinuation(next.1)))
        }
        return jsonResponse(200, body, request: request, extra: extra)
    }

    /// Continuation values are opaque to clients; `1!<base64>` like the service's.
    static func encodeContinuation(_ key: String) -> String { "1!" + Data(key.utf8).base64EncodedString() }

    static func decodeContinuation(_ token: String) -> String? {
        guard token.hasPrefix("1!"), let data = Data(base64Encoded: String(token.dropFirst(2))) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// The entity as JSON for the request's metadata level.
    func render(
        _ entity: StoredEntity, request: SandboxRequest, account: String, table: String, select: Set<String>? = nil,
        forFilter: Bool = false
    ) -> [String: SandboxJSON] {
        var object = SandboxJSON.parseObject(entity.properties) ?? [:]
        object["PartitionKey"] = .string(entity.partitionKey)
        object["RowKey"] = .string(entity.rowKey)
        object["Timestamp"] = .string(entity.timestamp)
        if forFilter { return object }
        if let select {
            object = object.filter { key, _ in
                let base = key.components(separatedBy: "@odata.").first ?? key
                return select.contains(base)
            }
        }
        switch metadataLevel(request) {
        case "nometadata":
            object = object.filter { !$0.key.contains("@odata.") }
        default:
            if object["Timestamp"] != nil { object["Timestamp@odata.type"] = "Edm.DateTime" }
            object["odata.etag"] = .string(entity.etag)
            if metadataLevel(request) == "fullmetadata" {
                let id =
                    "\(baseURL(request, account: account))/\(table)(PartitionKey='\(entity.partitionKey)',RowKey='\(entity.rowKey)')"
                object["odata.type"] = .string("\(account).\(table)")
                object["odata.id"] = .string(id)
                object["odata.editLink"] = .string(
                    "\(table)(PartitionKey='\(entity.partitionKey)',RowKey='\(entity.rowKey)')")
            }
        }
        return object
    }
}
