import Foundation
import HTTPTypes
import LeadModel

/// The sandbox's own API: what is stored (per destination, filtered by marker prefix), counts,
/// health, pre-seeding "real" leads, and changing faults at run time.
///
/// `GET /health` · `GET /leads?destination=&marker-prefix=` · `DELETE /leads?destination=&marker=` (test
/// leads only) · `GET /counts?marker-prefix=` ·
/// `POST /seed` (`{"destination":"https","body":{…}}`,
/// `{"destination":"azure-table","account":…,"table":…,"entity":{…}}`, or
/// `{"destination":"dynamics"|"salesforce"|"marketo","record":{…}}`) · `GET /faults` ·
/// `PUT /faults` (`{"faults":["https:status=500", …]}`) · `PUT /flow?reads=case-insensitive|case-sensitive&required=case-sensitive|case-insensitive`
/// (the body a flow definition, see ``SandboxFlow/load(_:)``) · `DELETE /flow` · `GET /flow/runs`.
struct InspectionAPI: SandboxService {
    let store: SandboxStore
    let faults: FaultSet
    let flows: FlowRunBook
    let endpoints: @Sendable () -> SandboxEndpoints?

    /// The inspection API has no faults of its own; ``kind`` only names it.
    var kind: FaultTarget { .all }
    var maxBodyBytes: Int { 1 << 20 }

    var routes: [SandboxRoute] {
        [
            SandboxRoute(.get, "/health") { _ in await answer { try json(200, ["status": "ok", "faults": faults.specs]) } },
            SandboxRoute(.get, "/endpoints") { _ in
                await answer {
                    guard let endpoints = endpoints() else { return try json(503, ["error": "not ready"]) }
                    return SandboxResponse(status: 200, headers: [.contentType: "application/json"], body: Array(try JSONEncoder().encode(endpoints)))
                }
            },
            SandboxRoute(.get, "/leads") { request in
                await answer {
                    let leads = try await store.inspect(destination: request.queryValue("destination"), markerPrefix: request.queryValue("marker-prefix"))
                    return SandboxResponse(status: 200, headers: [.contentType: "application/json"], body: Array(try JSONEncoder().encode(leads)))
                }
            },
            SandboxRoute(.get, "/counts") { request in
                await answer {
                    let leads = try await store.inspect(destination: nil, markerPrefix: request.queryValue("marker-prefix"))
                    var counts: [String: Int] = ["https": 0, "azure-table": 0, "dynamics": 0, "salesforce": 0, "marketo": 0]
                    for lead in leads { counts[lead.destination, default: 0] += 1 }
                    return try json(200, counts)
                }
            },
            SandboxRoute(.delete, "/leads") { request in await answer { try await deleteTestLeads(request) } },
            SandboxRoute(.post, "/seed") { request in await answer { try await seed(request) } },
            SandboxRoute(.get, "/faults") { _ in await answer { try json(200, ["faults": faults.specs]) } },
            SandboxRoute(.put, "/faults") { request in await answer { try replaceFaults(request) } },
            SandboxRoute(.put, "/flow") { request in await answer { try loadFlow(request) } },
            SandboxRoute(.delete, "/flow") { _ in
                await answer {
                    flows.load(nil)
                    return try json(200, ["flow": NSNull()])
                }
            },
            SandboxRoute(.get, "/flow/runs") { _ in
                await answer {
                    let runs: [FlowJSON] = flows.all.map { run in
                        .object(["id": .string(run.id), "workflow": .string(run.workflow), "clientTrackingId": .string(run.clientTrackingID), "status": .string(run.status),
                                 "error": run.errorCode.map { .object(["code": .string($0), "message": .string(run.errorMessage ?? "")]) } ?? .null,
                                 "actions": .array(run.actions.map { .object(["name": .string($0.name), "status": .string($0.status), "code": .string($0.code)]) })])
                    }
                    return SandboxResponse(status: 200, headers: [.contentType: "application/json"], body: Array(FlowJSON.array(runs).text.utf8))
                }
            },
        ]
    }

    func unrouted(_ request: SandboxRequest) async -> SandboxResponse {
        await answer { try json(404, ["error": "no such inspection endpoint: \(request.method) \(request.path)"]) }
    }

    func forcedError(status: Int) -> SandboxResponse { .json(status, #"{"error":"forced"}"#) }
    func throttled() -> SandboxResponse { .json(429, #"{"error":"throttled"}"#) }
    func bodyTooLarge() -> SandboxResponse { .json(413, #"{"error":"body too large"}"#) }

    /// A handler's answer, or a 500 when the store failed.
    private func answer(_ body: () async throws -> SandboxResponse) async -> SandboxResponse {
        do { return try await body() } catch { return SandboxResponse.json(500, #"{"error":"inspection failed"}"#) }
    }

    private func deleteTestLeads(_ request: SandboxRequest) async throws -> SandboxResponse {
        let exact = request.queryValue("marker")
        let prefix = request.queryValue("marker-prefix")
        guard let destination = request.queryValue("destination"), let marker = exact ?? prefix,
              marker.hasPrefix("LCTEST_") || (exact != nil && SandboxStore.microsoftTestToken(inUTF8: Array(marker.utf8)) == marker) else {
            return try json(400, ["error": "expected destination= and marker= or marker-prefix= starting LCTEST_ (or marker= a MSFT_TEST_ token); only test leads can be deleted here"])
        }
        return try json(200, ["deleted": try await store.deleteTestLeads(destination: destination, marker: marker, prefix: exact == nil)])
    }

    /// Loads the request's flow definition into the HTTPS sink.
    private func loadFlow(_ request: SandboxRequest) throws -> SandboxResponse {
        let flow: SandboxFlow
        do { flow = try SandboxFlow.load(request.body) } catch { return try json(400, ["error": error.reason]) }
        var options = FlowOptions()
        for (key, value) in [("reads", request.queryValue("reads")), ("required", request.queryValue("required"))] {
            guard let value else { continue }
            guard value == "case-sensitive" || value == "case-insensitive" else {
                return try json(400, ["error": "\(key)= takes case-sensitive or case-insensitive"])
            }
            if key == "reads" { options.caseInsensitiveReads = value == "case-insensitive" } else { options.requiredCaseSensitive = value == "case-sensitive" }
        }
        flows.load(flow, options: options)
        return try json(200, ["flow": flow.name])
    }

    private func replaceFaults(_ request: SandboxRequest) throws -> SandboxResponse {
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
    }

    private func json(_ status: Int, _ object: Any) throws -> SandboxResponse {
        SandboxResponse(status: status, headers: [.contentType: "application/json"], body: Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
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
            let id = try await store.insertHTTPSLead(SandboxStore.httpsLeadRow(path: "/seed", headers: [.contentType: "application/json"], body: Array(data)))
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
            let now = SandboxDate.iso8601()
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
