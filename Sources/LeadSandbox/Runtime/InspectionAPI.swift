import Foundation
import LeadModel

/// The sandbox's own API: what is stored (per destination, filtered by marker prefix), counts,
/// health, pre-seeding "real" leads, and changing faults at run time.
///
/// `GET /health` · `GET /leads?destination=&marker-prefix=` · `DELETE /leads?destination=&marker=` (test
/// leads only) · `GET /counts?marker-prefix=` ·
/// `POST /seed` (`{"destination":"https","body":{…}}`,
/// `{"destination":"azure-table","account":…,"table":…,"entity":{…}}`, or
/// `{"destination":"dynamics"|"salesforce"|"marketo","record":{…}}`) · `GET /faults` ·
/// `PUT /faults` (`{"faults":["https:status=500", …]}`).
struct InspectionAPI: Sendable {
    let store: SandboxStore
    let faults: FaultSet
    let endpoints: @Sendable () -> SandboxEndpoints?

    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        do {
            switch (request.method, request.path) {
            case ("GET", "/health"):
                return try json(200, ["status": "ok", "faults": faults.specs])
            case ("GET", "/endpoints"):
                guard let endpoints = endpoints() else { return try json(503, ["error": "not ready"]) }
                return SandboxResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(try JSONEncoder().encode(endpoints)))
            case ("GET", "/leads"):
                let leads = try await store.inspect(destination: request.queryValue("destination"), markerPrefix: request.queryValue("marker-prefix"))
                return SandboxResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(try JSONEncoder().encode(leads)))
            case ("GET", "/counts"):
                let leads = try await store.inspect(destination: nil, markerPrefix: request.queryValue("marker-prefix"))
                var counts: [String: Int] = ["https": 0, "azure-table": 0, "dynamics": 0, "salesforce": 0, "marketo": 0]
                for lead in leads { counts[lead.destination, default: 0] += 1 }
                return try json(200, counts)
            case ("DELETE", "/leads"):
                let exact = request.queryValue("marker")
                let prefix = request.queryValue("marker-prefix")
                guard let destination = request.queryValue("destination"), let marker = exact ?? prefix,
                      marker.hasPrefix("LCTEST_") || (exact != nil && SandboxStore.microsoftTestToken(inUTF8: Array(marker.utf8)) == marker) else {
                    return try json(400, ["error": "expected destination= and marker= or marker-prefix= starting LCTEST_ (or marker= a MSFT_TEST_ token); only test leads can be deleted here"])
                }
                return try json(200, ["deleted": try await store.deleteTestLeads(destination: destination, marker: marker, prefix: exact == nil)])
            case ("POST", "/seed"):
                return try await seed(request)
            case ("GET", "/faults"):
                return try json(200, ["faults": faults.specs])
            case ("PUT", "/faults"):
                guard let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
                      let specs = object["faults"] as? [String] else {
                    return try json(400, ["error": "expected {\"faults\": [\"KIND:NAME[=VALUE]\", …]}"])
                }
                var parsed: [Fault] = []
                for spec in specs {
                    do { parsed.append(try Fault(parsing: spec)) } catch { return try json(400, ["error": error.description]) }
                }
                faults.replace(with: parsed)
                return try json(200, ["faults": faults.specs])
            default:
                return try json(404, ["error": "no such inspection endpoint: \(request.method) \(request.path)"])
            }
        } catch {
            return SandboxResponse.json(500, #"{"error":"inspection failed"}"#)
        }
    }

    private func json(_ status: Int, _ object: Any) throws -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
    }

    private func seed(_ request: SandboxRequest) async throws -> SandboxResponse {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              let destination = object["destination"] as? String else {
            return try json(400, ["error": "expected {\"destination\": …}"])
        }
        switch destination {
        case "https":
            guard let body = object["body"] else { return try json(400, ["error": "expected \"body\""]) }
            let data = try JSONSerialization.data(withJSONObject: body)
            let id = try await store.insertHTTPSLead(SandboxStore.httpsLeadRow(path: "/seed", headers: [("Content-Type", "application/json")], body: Array(data)))
            return try json(201, ["id": String(id)])
        case "azure-table":
            guard let account = object["account"] as? String, let table = object["table"] as? String,
                  let entity = object["entity"] as? [String: Any], let pk = entity["PartitionKey"] as? String, let rk = entity["RowKey"] as? String else {
                return try json(400, ["error": "expected account, table and entity with PartitionKey and RowKey"])
            }
            _ = try await store.createTable(account: account, name: table)
            var properties = entity
            properties["PartitionKey"] = nil
            properties["RowKey"] = nil
            let timestamp = AzureTableService.timestampNow()
            let text = String(decoding: try JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys]), as: UTF8.self)
            let inserted = try await store.insertEntity(account: account, table: table, entity: StoredEntity(
                partitionKey: pk, rowKey: rk, timestamp: timestamp, etag: AzureTableService.etag(for: timestamp), properties: text))
            return try json(inserted ? 201 : 409, ["id": "\(account)/\(table.lowercased())/\(pk)/\(rk)"])
        case "dynamics", "salesforce", "marketo":
            guard var record = object["record"] as? [String: Any] else { return try json(400, ["error": "expected \"record\": {…}"]) }
            let now = LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).iso8601
            switch destination {
            case "dynamics":
                let id = UUID().uuidString.lowercased()
                record["leadid"] = id
                record["createdon"] = now
                let text = String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
                try await store.insertDynamicsLead(id: id, createdOn: now, record: text)
                return try json(201, ["id": id])
            case "salesforce":
                let id = SalesforceService.newLeadID()
                record["Id"] = id
                record["CreatedDate"] = SalesforceService.salesforceDate(Date())
                let text = String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
                try await store.insertSalesforceLead(id: id, createdDate: record["CreatedDate"] as! String, record: text)
                return try json(201, ["id": id])
            default:
                guard let email = record["email"] as? String else { return try json(400, ["error": "a Marketo record needs \"email\""]) }
                let outcome = try await store.upsertMarketoLead(email: email, fields: record, allowCreate: true, allowUpdate: false)
                return try json(outcome == nil ? 409 : 201, ["id": outcome.map { String($0.id) } ?? ""])
            }
        default:
            return try json(400, ["error": "destination must be https, azure-table, dynamics, salesforce or marketo"])
        }
    }
}
