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
            SandboxRoute(.get, "/health") { _ in
                await answer { json(200, ["status": "ok", "faults": .array(faults.specs.map(SandboxJSON.string))]) }
            },
            SandboxRoute(.get, "/endpoints") { _ in
                await answer {
                    guard let endpoints = endpoints() else { return json(503, ["error": "not ready"]) }
                    return SandboxResponse(
                        status: 200, headers: [.contentType: "application/json"],
                        body: Array(try JSONEncoder().encode(endpoints)))
                }
            },
            SandboxRoute(.get, "/leads") { request in
                await answer {
                    let leads = try await store.inspect(
                        destination: request.queryValue("destination"),
                        markerPrefix: request.queryValue("marker-prefix"))
                    return SandboxResponse(
                        status: 200, headers: [.contentType: "application/json"],
                        body: Array(try JSONEncoder().encode(leads)))
                }
            },
            SandboxRoute(.get, "/counts") { request in
                await answer {
                    let leads = try await store.inspect(
                        destination: nil, markerPrefix: request.queryValue("marker-prefix"))
                    var counts: [String: Int] = [
                        "https": 0, "azure-table": 0, "dynamics": 0, "salesforce": 0, "marketo": 0,
                    ]
                    for lead in leads { counts[lead.destination, default: 0] += 1 }
                    return json(200, .object(counts.mapValues { SandboxJSON(Int64($0)) }))
                }
            },
            SandboxRoute(.delete, "/leads") { request in await answer { try await deleteTestLeads(request) } },
            SandboxRoute(.post, "/seed") { request in await answer { try await seed(request) } },
            SandboxRoute(.get, "/faults") { _ in
                await answer { json(200, ["faults": .array(faults.specs.map(SandboxJSON.string))]) }
            },
            SandboxRoute(.put, "/faults") { request in await answer { try replaceFaults(request) } },
            SandboxRoute(.put, "/flow") { request in await answer { try loadFlow(request) } },
            SandboxRoute(.delete, "/flow") { _ in
                await answer {
                    flows.load(nil)
                    return json(200, ["flow": .null])
                }
            },
            SandboxRoute(.get, "/flow/runs") { _ in
                await answer {
                    let runs: [SandboxJSON] = flows.all.map { run in
                        .object([
                            "id": .string(run.id), "workflow": .string(run.workflow),
                            "clientTrackingId": .string(run.clientTrackingID), "status": .string(run.status),
                            "error": run.errorCode.map {
                                .object(["code": .string($0), "message": .string(run.errorMessage ?? "")])
                            } ?? .null,
                            "actions": .array(
                                run.actions.map {
                                    .object([
                                        "name": .string($0.name), "status": .string($0.status),
                                        "code": .string($0.code),
                                    ])
                                }),
                        ])
                    }
                    return SandboxResponse(
                        status: 200, headers: [.contentType: "application/json"], body: SandboxJSON.array(runs).bytes)
                }
            },
        ]
    }

    func unrouted(_ request: SandboxRequest) async -> SandboxResponse {
        await answer { json(404, ["error": .string("no such inspection endpoint: \(request.method) \(request.path)")]) }
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
            marker.hasPrefix("LCTEST_")
                || (exact != nil && SandboxStore.microsoftTestToken(inUTF8: Array(marker.utf8)) == marker)
        else {
            return json(
                400,
                [
                    "error":
                        """
                    expected destination= and marker= or marker-prefix= starting LCTEST_ (or marker= a\
                     MSFT_TEST_ token); only test leads can be deleted here
                    """
                ])
        }
        let deleted = try await store.deleteTestLeads(destination: destination, marker: marker, prefix: exact == nil)
        return json(200, ["deleted": SandboxJSON(Int64(deleted))])
    }

    /// Loads the request's flow definition into the HTTPS sink.
    private func loadFlow(_ request: SandboxRequest) throws -> SandboxResponse {
        let flow: SandboxFlow
        do { flow = try SandboxFlow.load(request.body) } catch { return json(400, ["error": .string(error.reason)]) }
        var options = FlowOptions()
        for (key, value) in [("reads", request.queryValue("reads")), ("required", request.queryValue("required"))] {
            guard let value else { continue }
            guard value == "case-sensitive" || value == "case-insensitive" else {
                return json(400, ["error": .string("\(key)= takes case-sensitive or case-insensitive")])
            }
            if key == "reads" {
                options.caseInsensitiveReads = value == "case-insensitive"
            } else {
                options.requiredCaseSensitive = value == "case-sensitive"
            }
        }
        flows.load(flow, options: options)
        return json(200, ["flow": .string(flow.name)])
    }

    private func replaceFaults(_ request: SandboxRequest) throws -> SandboxResponse {
        guard let list = SandboxJSON.parse(request.body)?["faults"]?.array, case let specs = list.compactMap(\.string),
            specs.count == list.count
        else {
            return json(400, ["error": "expected {\"faults\": [\"KIND:NAME[=VALUE]\", …]}"])
        }
        var parsed: [Fault] = []
        for spec in specs {
            do { parsed.append(try Fault(parsing: spec)) } catch {
                return json(400, ["error": .string(error.description)])
            }
        }
        faults.replace(with: parsed)
        return json(200, ["faults": .array(faults.specs.map(SandboxJSON.string))])
    }

    private func json(_ status: Int, _ object: SandboxJSON) -> SandboxResponse {
        SandboxResponse(status: status, headers: [.contentType: "application/json"], body: object.bytes)
    }

    private func seed(_ request: SandboxRequest) async throws -> SandboxResponse {
        guard let object = SandboxJSON.parseObject(request.body), let destination = object["destination"]?.string else {
            return json(400, ["error": "expected {\"destination\": …}"])
        }
        switch destination {
        case "https":
            guard let body = object["body"] else { return json(400, ["error": "expected \"body\""]) }
            let id = try await store.insertHTTPSLead(
                SandboxStore.httpsLeadRow(path: "/seed", headers: [.contentType: "application/json"], body: body.bytes))
            return json(201, ["id": .string(String(id))])
        case "azure-table":
            guard let account = object["account"]?.string, let table = object["table"]?.string,
                let entity = object["entity"]?.object, let pk = entity["PartitionKey"]?.string,
                let rk = entity["RowKey"]?.string
            else {
                return json(400, ["error": "expected account, table and entity with PartitionKey and RowKey"])
            }
            _ = try await store.createTable(account: account, name: table)
            var properties = entity
            properties["PartitionKey"] = nil
            properties["RowKey"] = nil
            let timestamp = AzureTableService.timestampNow()
            let text = SandboxJSON.object(properties).text
            let inserted = try await store.insertEntity(
                account: account, table: table,
                entity: StoredEntity(
                    partitionKey: pk, rowKey: rk, timestamp: timestamp, etag: AzureTableService.etag(for: timestamp),
                    properties: text))
            return json(inserted ? 201 : 409, ["id": .string("\(account)/\(table.lowercased())/\(pk)/\(rk)")])
        case "dynamics", "salesforce", "marketo":
            guard var record = object["record"]?.object else { return json(400, ["error": "expected \"record\": {…}"]) }
            let now = SandboxDate.iso8601()
            switch destination {
            case "dynamics":
                let id = UUID().uuidString.lowercased()
                record["leadid"] = .string(id)
                record["createdon"] = .string(now)
                try await store.insertDynamicsLead(id: id, createdOn: now, record: SandboxJSON.object(record).text)
                return json(201, ["id": .string(id)])
            case "salesforce":
                let id = SalesforceService.newLeadID()
                let created = SalesforceService.salesforceDate(Date())
                record["Id"] = .string(id)
                record["CreatedDate"] = .string(created)
                try await store.insertSalesforceLead(
                    id: id, createdDate: created, record: SandboxJSON.object(record).text)
                return json(201, ["id": .string(id)])
            default:
                guard let email = record["email"]?.string else {
                    return json(400, ["error": "a Marketo record needs \"email\""])
                }
                let outcome = try await store.upsertMarketoLead(
                    email: email, fields: record, allowCreate: true, allowUpdate: false)
                return json(outcome == nil ? 409 : 201, ["id": .string(outcome.map { String($0.id) } ?? "")])
            }
        default:
            return json(400, ["error": "destination must be https, azure-table, dynamics, salesforce or marketo"])
        }
    }
}
