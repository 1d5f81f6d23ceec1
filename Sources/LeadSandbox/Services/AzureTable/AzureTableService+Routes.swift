import Foundation
import HTTPTypes
import LeadModel

extension AzureTableService {
    /// What a path after the account names.
    enum Resource: Equatable {
        case tables
        case table(name: String)
        case entitySet(table: String)
        case entity(table: String, partitionKey: String, rowKey: String)
    }

    /// Parses `Tables`, `Tables('name')`, `name`, `name()`, `name(PartitionKey='…',RowKey='…')`.
    static func parse(_ raw: String) -> Resource? {
        let decoded = raw.removingPercentEncodingSafely
        if decoded == "Tables" || decoded == "Tables()" { return .tables }
        if decoded.hasPrefix("Tables('"), decoded.hasSuffix("')") {
            return .table(name: String(decoded.dropFirst(8).dropLast(2)).replacingOccurrences(of: "''", with: "'"))
        }
        guard let open = decoded.firstIndex(of: "(") else { return decoded.isEmpty ? nil : .entitySet(table: decoded) }
        let table = String(decoded[..<open])
        let inner = decoded[decoded.index(after: open)...].dropLast()
        guard decoded.hasSuffix(")") else { return nil }
        if inner.isEmpty { return .entitySet(table: table) }
        guard let keys = parseKeys(String(inner)) else { return nil }
        return .entity(table: table, partitionKey: keys.0, rowKey: keys.1)
    }

    /// `PartitionKey='a''b',RowKey='c'` → ("a'b", "c").
    static func parseKeys(_ text: String) -> (String, String)? {
        var values: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            guard let eq = rest.firstIndex(of: "=") else { return nil }
            let name = String(rest[..<eq]).trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: eq)...]
            guard rest.first == "'" else { return nil }
            rest = rest.dropFirst()
            var value = ""
            var closed = false
            while let c = rest.first {
                rest = rest.dropFirst()
                if c == "'" {
                    if rest.first == "'" {
                        value.append("'")
                        rest = rest.dropFirst()
                    } else {
                        closed = true
                        break
                    }
                } else {
                    value.append(c)
                }
            }
            guard closed else { return nil }
            values[name] = value
            if rest.first == "," { rest = rest.dropFirst() }
        }
        guard let pk = values["PartitionKey"], let rk = values["RowKey"], values.count == 2 else { return nil }
        return (pk, rk)
    }

    func route(_ request: SandboxRequest, account: String, resource raw: String) async throws -> SandboxResponse {
        guard let resource = Self.parse(raw) else {
            return Self.error(400, "InvalidUri", "The requested URI does not represent any resource on the server.")
        }
        switch (request.method, resource) {
        case ("POST", .tables): return try await createTable(request, account: account)
        case ("GET", .tables): return try await listTables(request, account: account)
        case ("DELETE", .table(let name)):
            return try await store.deleteTable(account: account, name: name)
                ? SandboxResponse(status: 204, headers: standardHeaders())
                : Self.error(404, "ResourceNotFound", "The specified resource does not exist.")
        case ("POST", .entitySet(let table)): return try await insert(request, account: account, table: table)
        case ("GET", .entitySet(let table)): return try await query(request, account: account, table: table)
        case ("GET", let .entity(table, pk, rk)):
            return try await get(request, account: account, table: table, pk: pk, rk: rk)
        case ("DELETE", let .entity(table, pk, rk)):
            return try await delete(request, account: account, table: table, pk: pk, rk: rk)
        default:
            return Self.error(
                501, "NotImplemented",
                "The sandbox does not implement \(request.method) on this resource; leadcheck does not use it.")
        }
    }

    func standardHeaders(_ extra: HTTPFields = [:]) -> HTTPFields {
        [
            .msRequestID: UUID().uuidString.lowercased(), .msVersion: "2019-02-02",
            .date: SandboxDate.rfc1123(serviceNow),
        ] + extra
    }

    /// `nometadata`, `minimalmetadata` (the default) or `fullmetadata`, from `Accept`.
    func metadataLevel(_ request: SandboxRequest) -> String {
        let accept = (request.headers[.accept] ?? "").lowercased()
        if accept.contains("odata=nometadata") { return "nometadata" }
        if accept.contains("odata=fullmetadata") { return "fullmetadata" }
        return "minimalmetadata"
    }

    func jsonResponse(_ status: Int, _ object: [String: SandboxJSON], request: SandboxRequest, extra: HTTPFields = [:])
        -> SandboxResponse
    {
        SandboxResponse(
            status: status,
            headers: standardHeaders(
                [.contentType: "application/json;odata=\(metadataLevel(request));streaming=true;charset=utf-8"] + extra),
            body: SandboxJSON.object(object).bytes)
    }

    func baseURL(_ request: SandboxRequest, account: String) -> String {
        "\(request.baseURL)/\(account)"
    }

    static let tableNamePattern = try! NSRegularExpression(pattern: "^[A-Za-z][A-Za-z0-9]{2,62}$")

    func createTable(_ request: SandboxRequest, account: String) async throws -> SandboxResponse {
        guard let object = SandboxJSON.parseObject(request.body) else {
            return Self.error(
                400, "InvalidInput", "An error occurred while processing this request: the body is not a JSON object.")
        }
        guard let name = object["TableName"]?.string, !name.isEmpty else {
            return Self.error(400, "TableNameEmpty", "The specified table name is empty.")
        }
        let range = NSRange(name.startIndex..., in: name)
        guard Self.tableNamePattern.firstMatch(in: name, range: range) != nil, name.lowercased() != "tables" else {
            return Self.error(400, "InvalidResourceName", "The specifed resource name contains invalid characters.")
        }
        guard try await store.createTable(account: account, name: name) else {
            return Self.error(409, "TableAlreadyExists", "The table specified already exists.")
        }
        if (request.headers[.prefer] ?? "").contains("return-no-content") {
            return SandboxResponse(status: 204, headers: standardHeaders([.preferenceApplied: "return-no-content"]))
        }
        var body: [String: SandboxJSON] = ["TableName": .string(name)]
        if metadataLevel(request) != "nometadata" {
            body["odata.metadata"] = .string("\(baseURL(request, account: account))/$metadata#Tables/@Element")
        }
        return jsonResponse(201, body, request: request, extra: [.preferenceApplied: "return-content"])
    }

    func listTables(_ request: SandboxRequest, account: String) async throws -> SandboxResponse {
        var names = try await store.tables(account: account)
        if let filterText = request.queryValue("$filter") {
            guard let filter = try? TableFilter.parse(filterText) else {
                return Self.error(400, "InvalidInput", "The query condition specified in the request is invalid.")
            }
            names = names.filter { filter.matches(["TableName": .string($0)]) }
        }
        var body: [String: SandboxJSON] = ["value": .array(names.map { ["TableName": .string($0)] })]
        if metadataLevel(request) != "nometadata" {
            body["odata.metadata"] = .string("\(baseURL(request, account: account))/$metadata#Tables")
        }
        return jsonResponse(200, body, request: request)
    }
}
