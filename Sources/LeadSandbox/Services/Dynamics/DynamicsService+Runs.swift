import Foundation
import HTTPTypes

extension DynamicsService {
    /// Azure Resource Manager's Logic Apps runs API (docs/reference/flows.md §5, [SPEC] logic.json 2016-06-01):
    /// a run, the runs filtered by client tracking id, a run's actions; and the content links
    /// the actions' `outputsLink` points at (SAS-signed, no bearer token, as real ones are).
    var runRoutes: [SandboxRoute] {
        let workflow =
            "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Logic/workflows/{workflow}"
        return [
            SandboxRoute(.get, "\(workflow)/runs") { armRuns($0) },
            SandboxRoute(.get, "\(workflow)/runs/{run}") { armRun($0) },
            SandboxRoute(.get, "\(workflow)/runs/{run}/actions") { armActions($0) },
            SandboxRoute(.get, "/workflows/{workflow}/runs/{run}/actions/{action}/contents/ActionOutputs") {
                actionOutputs($0)
            },
        ]
    }

    /// ARM's error envelope `{"error":{"code","message"}}`.
    static func armError(_ status: Int, code: String, message: String) -> SandboxResponse {
        .json(
            status, SandboxJSON.object(["error": .object(["code": .string(code), "message": .string(message)])]).text)
    }

    /// The checks ARM makes before any resource: api-version, then the bearer token. The codes
    /// are ARM's usual ones, inferred: the reference notes quote none.
    private func armCheck(_ request: SandboxRequest) -> SandboxResponse? {
        guard request.queryValue("api-version") != nil else {
            return Self.armError(
                400, code: "MissingApiVersionParameter",
                message: "The api-version query parameter (?api-version=) is required for all requests.")
        }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            return Self.armError(
                401, code: "AuthenticationFailed",
                message: "Authentication failed. The 'Authorization' header is missing.")
        }
        guard tokens.isValid(String(header.dropFirst("Bearer ".count))) else {
            return Self.armError(401, code: "InvalidAuthenticationToken", message: "The access token is invalid.")
        }
        return nil
    }

    /// The loaded workflow's runs, or ARM's 404 for a workflow this sandbox does not run.
    private func withRuns(_ request: SandboxRequest, _ answer: ([FlowRun]) -> SandboxResponse) -> SandboxResponse {
        if let failure = armCheck(request) { return failure }
        let name = request.parameters["workflow"] ?? ""
        let known = flows.current?.flow.name.lowercased() == name.lowercased() || !flows.runs(of: name).isEmpty
        guard known else {
            // docs/reference/flows.md §7 [3P] capture: a missing workflow is `WorkflowNotFound`.
            return Self.armError(404, code: "WorkflowNotFound", message: "The workflow '\(name)' could not be found.")
        }
        return answer(flows.runs(of: name))
    }

    private func resourceID(_ request: SandboxRequest) -> String {
        """
        /subscriptions/\(request.parameters["subscription"] ?? "")/resourceGroups/\
        \(request.parameters["group"] ?? "")/providers/Microsoft.Logic/workflows/\
        \(request.parameters["workflow"] ?? "")
        """
    }

    func armRuns(_ request: SandboxRequest) -> SandboxResponse {
        withRuns(request) { runs in
            // `$filter` on Status, StartTime and ClientTrackingId (docs/reference/flows.md §5), with the OData
            // subset the other services take; values compared exactly (inferred: the spec does
            // not say). A filter ARM could not read is refused: the code is inferred.
            var filter: TableFilter?
            if let text = request.queryValue("$filter") {
                let known: Set<String> = ["Status", "StartTime", "ClientTrackingId"]
                guard let parsed = try? TableFilter.parse(text, maxComparisons: nil),
                    parsed.properties.allSatisfy(known.contains)
                else {
                    return Self.armError(
                        400, code: "InvalidFilter",
                        message:
                            "The filter '\(text)' is not valid: it may compare Status, StartTime and ClientTrackingId.")
                }
                filter = parsed
            }
            let selected = runs.filter { run in
                filter?.matches([
                    "Status": .string(run.status), "StartTime": .string(run.startTime),
                    "ClientTrackingId": .string(run.clientTrackingID),
                ]) ?? true
            }
            return .json(200, SandboxJSON.object(["value": .array(selected.map { runJSON($0, request) })]).text)
        }
    }

    func armRun(_ request: SandboxRequest) -> SandboxResponse {
        withRuns(request) { runs in
            guard let run = runs.first(where: { $0.id == request.parameters["run"] }) else {
                return runNotFound(request)
            }
            return .json(200, runJSON(run, request).text)
        }
    }

    func armActions(_ request: SandboxRequest) -> SandboxResponse {
        withRuns(request) { runs in
            guard let run = runs.first(where: { $0.id == request.parameters["run"] }) else {
                return runNotFound(request)
            }
            return .json(
                200, SandboxJSON.object(["value": .array(run.actions.map { actionJSON($0, run: run, request) })]).text)
        }
    }

    /// An action's outputs behind its `outputsLink`: the `sig` must be the run's.
    func actionOutputs(_ request: SandboxRequest) -> SandboxResponse {
        guard let run = flows.all.first(where: { $0.id == request.parameters["run"] }),
            request.queryValue("sig") == run.contentSignature,
            let outputs = run.actions.first(where: { $0.name == request.parameters["action"] })?.outputs
        else {
            return Self.armError(
                401, code: "DirectApiInvalidAuthorizationSignature",
                message: "The provided authorization signature is not valid.")
        }
        return .json(200, outputs.text)
    }

    private func runNotFound(_ request: SandboxRequest) -> SandboxResponse {
        Self.armError(
            404, code: "WorkflowRunNotFound",
            message:
                "The workflow '\(request.parameters["workflow"] ?? "")' run '\(request.parameters["run"] ?? "")' could not be found."
        )
    }

    /// A run in the shape of the spec's WorkflowRunsGet example.
    private func runJSON(_ run: FlowRun, _ request: SandboxRequest) -> SandboxJSON {
        let id = "\(resourceID(request))/runs/\(run.id)"
        var properties: [String: SandboxJSON] = [
            "waitEndTime": .string(run.startTime), "startTime": .string(run.startTime), "endTime": .string(run.endTime),
            "status": .string(run.status),
            "correlation": .object(["clientTrackingId": .string(run.clientTrackingID)]),
            "workflow": .object([
                "id": .string("\(resourceID(request))/versions/08584000000000000000"),
                "name": .string("08584000000000000000"), "type": .string("Microsoft.Logic/workflows/versions"),
            ]),
            "trigger": .object([
                "name": .string(run.triggerName), "startTime": .string(run.startTime),
                "endTime": .string(run.startTime),
                "correlation": .object(["clientTrackingId": .string(run.clientTrackingID)]), "code": .string("OK"),
                "status": .string("Succeeded"),
            ]),
            "outputs": .object([:]),
        ]
        if let code = run.errorCode {
            properties["code"] = .string(code)
            properties["error"] = .object(["code": .string(code), "message": .string(run.errorMessage ?? "")])
        }
        return .object([
            "properties": .object(properties), "id": .string(id), "name": .string(run.id),
            "type": .string("Microsoft.Logic/workflows/runs"),
        ])
    }

    /// An action in the shape of the spec's WorkflowRunActionsList example, with `error` when it failed.
    private func actionJSON(_ action: FlowActionRun, run: FlowRun, _ request: SandboxRequest) -> SandboxJSON {
        var properties: [String: SandboxJSON] = [
            "startTime": .string(action.startTime), "endTime": .string(action.endTime),
            "status": .string(action.status), "code": .string(action.code),
            "correlation": .object([
                "actionTrackingId": .string(UUID().uuidString.lowercased()),
                "clientTrackingId": .string(run.clientTrackingID),
            ]),
        ]
        if let message = action.errorMessage, action.status == "Failed" {
            properties["error"] = .object(["code": .string(action.code), "message": .string(message)])
        }
        if let outputs = action.outputs {
            let path = "/runs/\(run.id)/actions/\(action.name)/contents/ActionOutputs/read"
            let sp = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? path
            let uri =
                """
                \(request.baseURL)/workflows/\(run.workflow)/runs/\(run.id)/actions/\(action.name)/contents/\
                ActionOutputs?api-version=2016-06-01&sp=\(sp)&sv=1.0&sig=\(run.contentSignature)
                """
            properties["outputsLink"] = .object([
                "uri": .string(uri), "contentVersion": .string(run.contentSignature.prefix(22) + "=="),
                "contentSize": .number(Double(outputs.text.utf8.count)),
            ])
        }
        return .object([
            "properties": .object(properties),
            "id": .string("\(resourceID(request))/runs/\(run.id)/actions/\(action.name)"),
            "name": .string(action.name), "type": .string("Microsoft.Logic/workflows/runs/actions"),
        ])
    }

    /// Dataverse's `flowruns` (docs/reference/flows.md §5, [DOC] flowrun.md): `name` the run id, `status`
    /// Success/Failed/Cancelled, `errorcode`, `errormessage`, `clienttrackingid`; `$filter` read
    /// and refused as the leads query reads it (strings compared case-insensitively).
    func flowRuns(_ request: SandboxRequest) -> SandboxResponse {
        var filter: TableFilter?
        if let text = request.queryValue("$filter", plusAsSpace: true) {
            do { filter = try TableFilter.parse(text, functions: true, maxComparisons: nil) } catch {
                return Self.dataverseError(400, code: "0x80060888", message: "Syntax error in $filter '\(text)'.")
            }
        }
        let rows: [[String: String?]] = flows.all.map { run in
            [
                "flowrunid": UUID(uuidString: run.correlationID).map { $0.uuidString.lowercased() }
                    ?? run.correlationID, "name": run.id,
                "status": run.status == "Succeeded" ? "Success" : run.status, "starttime": run.startTime,
                "endtime": run.endTime,
                "errorcode": run.errorCode, "errormessage": run.errorMessage, "clienttrackingid": run.clientTrackingID,
                "triggertype": "Request",
            ]
        }
        if let unknown = filter?.properties.first(where: { !Self.flowRunColumns.contains($0) }) {
            return Self.dataverseError(
                400, code: "0x80060888",
                message: "Could not find a property named '\(unknown)' on type 'Microsoft.Dynamics.CRM.flowrun'.")
        }
        let matching = rows.filter { row in
            filter?.matches(row.compactMapValues { $0.map(SandboxJSON.string) }, caseInsensitive: true) ?? true
        }
        let value: [SandboxJSON] = matching.map { row in .object(row.mapValues { $0.map(SandboxJSON.string) ?? .null })
        }
        let body = SandboxJSON.object([
            "@odata.context": .string("\(baseURL(request))/api/data/v9.2/$metadata#flowruns"), "value": .array(value),
        ])
        return SandboxResponse(
            status: 200, headers: [.contentType: "application/json; odata.metadata=minimal", .odataVersion: "4.0"],
            body: Array(body.text.utf8))
    }

    /// The columns a `flowruns` row has here (docs/reference/flows.md §5).
    static let flowRunColumns: Set<String> = [
        "flowrunid", "name", "status", "starttime", "endtime", "errorcode", "errormessage", "clienttrackingid",
        "triggertype",
    ]
}
