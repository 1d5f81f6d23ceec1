import Foundation
import HTTPTypes
import LeadModel

extension SalesforceService {
    /// `/services/data/vNN.N/query?q=…`, `/services/data/vNN.N/sobjects/Lead/{id}` and the
    /// sObject Collections delete `/services/data/vNN.N/composite/sobjects?ids=…`.
    func rest(_ request: SandboxRequest) async throws -> SandboxResponse {
        let bearer = request.headers[.authorization].flatMap {
            $0.hasPrefix("Bearer ") ? String($0.dropFirst("Bearer ".count)) : nil
        }
        if let bearer, faults.consumeTokenExpired(.salesforce) { tokens.expire(bearer) }
        guard let bearer, tokens.isValid(bearer) else {
            return Self.restError(401, code: "INVALID_SESSION_ID", message: "Session expired or invalid")
        }
        var segments = request.path.split(separator: "/").map(String.init)
        guard segments.count >= 4, segments[0] == "services", segments[1] == "data", segments[2].hasPrefix("v") else {
            return Self.restError(404, code: "NOT_FOUND", message: "The requested resource does not exist")
        }
        let version = segments[2]
        segments.removeFirst(3)
        let usage = "api-usage=\(apiCalls.take())/\(Self.apiLimit)"
        func json(_ status: Int, _ object: SandboxJSON) -> SandboxResponse {
            SandboxResponse(
                status: status, headers: [.contentType: "application/json;charset=UTF-8", .sforceLimitInfo: usage],
                body: object.bytes)
        }
        switch (request.method, segments.count, segments.first) {
        case ("GET", 1, "query"):
            guard let text = request.queryValue("q", plusAsSpace: true) else {
                return Self.restError(400, code: "MALFORMED_QUERY", message: "A query string is required")
            }
            // SOQL WHERE reference: "Strings in WHERE clauses can't exceed 4,000 characters" (Apex
            // with IN excepted). The error code for it is inferred.
            if let start = text.range(of: " WHERE ", options: .caseInsensitive)?.upperBound,
                text[start...].components(separatedBy: " LIMIT ").first!.count > 4_000
            {
                return Self.restError(
                    400, code: "MALFORMED_QUERY", message: "The WHERE clause is longer than 4000 characters")
            }
            let query: SOQLQuery
            do { query = try SOQLQuery.parse(text) } catch let error as SOQLQuery.ParseError {
                return Self.restError(400, code: "MALFORMED_QUERY", message: error.message)
            }
            guard query.object.lowercased() == "lead" else {
                return Self.restError(
                    400, code: "INVALID_TYPE", message: "sObject type '\(query.object)' is not supported.")
            }
            let known = Set(Self.fields.map { $0.api.lowercased() } + ["id", "createddate"])
            if let unknown = (query.fields + query.conditions.map(\.field)).first(where: {
                !known.contains($0.lowercased())
            }) {
                return Self.restError(
                    400, code: "INVALID_FIELD", message: "No such column '\(unknown)' on entity 'Lead'.")
            }
            var records: [SandboxJSON] = []
            for text in try await store.salesforceLeads() {
                guard let record = SandboxJSON.parseObject(text), query.matches(record) else { continue }
                var projected: [String: SandboxJSON] = [
                    "attributes": [
                        "type": "Lead",
                        "url": .string("/services/data/\(version)/sobjects/Lead/\(record["Id"]?.string ?? "")"),
                    ]
                ]
                for field in query.fields {
                    let key =
                        record.keys.first { $0.lowercased() == field.lowercased() } ?? Self.fields.first {
                            $0.api.lowercased() == field.lowercased()
                        }?.api ?? field
                    projected[key] = record[key] ?? .null
                }
                records.append(.object(projected))
                if let limit = query.limit, records.count >= limit { break }
            }
            return json(200, ["totalSize": .number(Double(records.count)), "done": true, "records": .array(records)])
        case ("DELETE", 2, "composite") where segments[1] == "sobjects":
            // developer.salesforce.com, "Delete Records Using sObject Collections": up to 200
            // ids, 200 OK with one DeleteResult per id in order; a deleted record answers
            // ENTITY_IS_DELETED. The error for more than 200 ids is inferred.
            let ids = (request.queryValue("ids", plusAsSpace: true) ?? "").split(separator: ",").map(String.init)
            guard !ids.isEmpty else { return Self.restError(400, code: "MALFORMED_QUERY", message: "ids is required") }
            guard ids.count <= 200 else {
                return Self.restError(
                    400, code: "EXCEEDED_ID_LIMIT",
                    message: "record limit reached. cannot submit more than 200 records into this call")
            }
            var results: [SandboxJSON] = []
            for id in ids {
                if try await store.deleteSalesforceLead(id: id) {
                    results.append(["id": .string(id), "success": true, "errors": []])
                } else {
                    results.append([
                        "id": .string(id), "success": false,
                        "errors": [["statusCode": "ENTITY_IS_DELETED", "message": "entity is deleted", "fields": []]],
                    ])
                }
            }
            return json(200, .array(results))
        case (let method, 3, "sobjects") where segments[1] == "Lead":
            let id = segments[2]
            switch method {
            case "GET":
                guard let text = try await store.salesforceLead(id: id), let record = SandboxJSON.parse(text) else {
                    return Self.restError(404, code: "NOT_FOUND", message: "The requested resource does not exist")
                }
                return json(200, record)
            case "DELETE":
                return try await store.deleteSalesforceLead(id: id)
                    ? SandboxResponse(status: 204, headers: [.sforceLimitInfo: usage])
                    : Self.restError(404, code: "ENTITY_IS_DELETED", message: "entity is deleted")
            default:
                return Self.restError(
                    405, code: "METHOD_NOT_ALLOWED",
                    message: "HTTP Method '\(method)' not allowed. Allowed are GET,DELETE")
            }
        default:
            return Self.restError(404, code: "NOT_FOUND", message: "The requested resource does not exist")
        }
    }
}
