import Foundation
import HTTPTypes

/// An HTTPS lead endpoint that behaves like a Power Automate "When a HTTP request is received"
/// trigger with no Response action: it answers `202 Accepted` with an empty body as soon as the
/// run is queued (docs/reference/https-endpoint.md §2, `connectors-native-reqres.md`).
///
/// Like Logic Apps it does not validate the body against the schema (that is off by default,
/// docs/reference/https-endpoint.md §3) and does not require a JSON content type; but a body declared as JSON that does not parse
/// is rejected with 400, since the trigger cannot parse it into tokens ([INF]: the exact error
/// code is from Logic Apps' `InvalidRequestContent`, not verified against the marketplace
/// sender). With the `https:require-sig` fault it requires the SAS `sig` query value and answers
/// 401 `DirectApiAuthorizationRequired` otherwise, the body the notes quote.
///
/// With a flow loaded (``FlowRunBook``) it behaves as that flow: see ``admitToFlow(_:_:)``.
public struct HTTPSSinkService: SandboxService {
    let store: SandboxStore
    let faults: FaultSet
    let flows: FlowRunBook

    /// Creates the sink.
    public init(store: SandboxStore, faults: FaultSet, flows: FlowRunBook = FlowRunBook()) {
        self.store = store
        self.faults = faults
        self.flows = flows
    }

    /// This is the HTTPS destination.
    public var kind: FaultTarget { .https }
    /// Logic Apps accepts up to 100 MB; a lead is tiny, so 1 MiB keeps the sandbox bounded.
    public var maxBodyBytes: Int { 1 << 20 }

    static func error(_ status: Int, code: String, message: String) -> SandboxResponse {
        let body = #"{"error":{"code":"\#(code)","message":"\#(message)"}}"#
        return .json(status, body)
    }

    /// Logic Apps' error envelope with the status's usual code.
    public func forcedError(status: Int) -> SandboxResponse {
        let code = status >= 500 ? "InternalServerError" : (status == 404 ? "NotFound" : "BadRequest")
        return Self.error(status, code: code, message: "The sandbox was told to answer \(status).")
    }

    /// Logic Apps throttling.
    public func throttled() -> SandboxResponse {
        var response = Self.error(
            429, code: "WorkflowRequestsThrottled",
            message: "The workflow requests are throttled. Retry the request after some time.")
        response.headers.append(HTTPField(name: .retryAfter, value: "1"))
        return response
    }

    /// Request too large.
    public func bodyTooLarge() -> SandboxResponse {
        Self.error(
            413, code: "RequestContentTooLarge",
            message: "The request content length exceeds the limit of \(maxBodyBytes) bytes.")
    }

    /// Whether a Content-Type names JSON (`application/json`, `text/json`, `application/…+json`):
    /// it contains "json" in any case.
    static func declaresJSON(_ contentType: String?) -> Bool {
        contentType?.lowercased().contains("json") ?? false
    }

    /// The top-level keys of the docs' example (PC-https) a body lacks, compared case-sensitively
    /// as a schema's `required` list is (docs/reference/flows.md §3); nil when the body is not a JSON object.
    static func missingDocumentedKeys(_ body: [UInt8]) -> [String]? {
        guard let object = SandboxJSON.parseObject(body) else { return nil }
        return ["UserDetails", "LeadSource", "ActionCode", "OfferTitle", "Description"].filter { object[$0] == nil }
    }

    /// What the sink does with a request: answer it at once, or store this row and then answer.
    enum Admission {
        case respond(SandboxResponse)
        case store(HTTPSLeadRow)
        /// The loaded flow ran: record the run, store what it read when it succeeded, answer.
        case ran(FlowEngine.Outcome, path: String, headers: HTTPFields)
    }

    /// Checks a request and, when it is a lead to keep, builds its row.
    func admit(_ request: SandboxRequest) -> Admission {
        let effects = faults.effects(for: .https)
        for effect in effects {
            if case .requireSig(let expected) = effect, request.queryValue("sig") != expected {
                return .respond(
                    Self.error(
                        401, code: "DirectApiAuthorizationRequired",
                        message: "The request must be authenticated only by Shared Access scheme."))
            }
            // "Who can trigger the flow: Any user in my tenant", the default since 2023 (docs/reference/flows.md
            // §2): a request without an Entra token is refused. [3P] code; the message's exact
            // words are inferred ("a message about the OAuth authorization scheme").
            if case .tenantOnly = effect, !(request.headers[.authorization] ?? "").hasPrefix("Bearer ") {
                return .respond(
                    Self.error(
                        401, code: "DirectApiAuthorizationRequired",
                        message: "The request must be authenticated only by OAuth authorization scheme."))
            }
        }
        guard request.method == "POST" else {
            return .respond(
                Self.error(
                    405, code: "MethodNotAllowed",
                    message: "The HTTP method '\(request.method)' is not allowed; the trigger accepts POST."))
        }
        if Self.declaresJSON(request.headers[.contentType]), !JSONValidator.isValid(request.body) {
            return .respond(
                Self.error(
                    400, code: "InvalidRequestContent",
                    message: "The request content is not valid and could not be deserialized as JSON."))
        }
        if let loaded = flows.current { return admitToFlow(request, loaded) }
        if effects.contains(where: {
            if case .schemaValidation = $0 { return true }
            return false
        }),
            let missing = Self.missingDocumentedKeys(request.body), !missing.isEmpty
        {
            // Schema Validation on, with the schema Power Automate generates from the docs'
            // PascalCase sample (every property required): 400 TriggerInputSchemaMismatch (docs/reference/flows.md §1, [3P] text).
            return .respond(
                Self.error(
                    400, code: "TriggerInputSchemaMismatch",
                    message:
                        """
                        The input body for trigger 'manual' of type 'Request' did not match its schema\
                         definition. Error details: 'Required properties are missing from object:\
                         \(missing.joined(separator: ", ")).'.
                        """
                ))
        }
        var body = FieldMangling.apply(effects, toHTTPSBody: request.body)
        for case .reads(let casing) in effects { body = casing.stored(from: body) }
        return .store(SandboxStore.httpsLeadRow(path: request.path, headers: request.headers, body: body))
    }

    /// The loaded flow's trigger, then its run: who may call it (docs/reference/flows.md §2: `Tenant`/`User`
    /// need an Entra token, which Microsoft's connector never sends), Schema Validation (§1: 400
    /// `TriggerInputSchemaMismatch`, no run), then the actions (``FlowEngine``).
    func admitToFlow(_ request: SandboxRequest, _ loaded: (flow: SandboxFlow, options: FlowOptions)) -> Admission {
        let flow = loaded.flow
        if let kind = flow.trigger.kind, kind.lowercased() != "http" {
            // A manual trigger of another kind (an instant flow's button, Power Apps, a
            // connector's "for a selected item") has no URL anything outside can call
            // (docs/reference/flows.md §7, [3P] exports): status, code and text are inferred.
            return .respond(
                Self.error(
                    404, code: "TriggerNotFound",
                    message: "The trigger '\(flow.trigger.name)' of kind '\(kind)' cannot be called over HTTP."))
        }
        if let method = flow.trigger.method, method.uppercased() != request.method.uppercased() {
            // docs/reference/flows.md §7: code and text [3P] (microsoft/AzUrlShortener#297,
            // Azure/logicapps#1441); the status is inferred.
            return .respond(
                Self.error(
                    400, code: "TriggerRequestMethodNotValid",
                    message:
                        "The HTTP method for this request is not valid: expected '\(method.uppercased())' and actual '\(request.method.uppercased())'."
                ))
        }
        if let authentication = flow.trigger.authentication?.lowercased(),
            authentication == "tenant" || authentication == "user"
        {
            guard (request.headers[.authorization] ?? "").hasPrefix("Bearer ") else {
                // [3P] code; the message's words are inferred (docs/reference/flows.md §2).
                return .respond(
                    Self.error(
                        401, code: "DirectApiAuthorizationRequired",
                        message: "The request must be authenticated only by OAuth authorization scheme."))
            }
            // The sandbox issues no tokens for a trigger's audience: any token is a wrong one
            // (docs/reference/flows.md §2 [3P]; 401 or 403, sources disagree: 401 inferred).
            return .respond(
                Self.error(
                    401, code: "MisMatchingOAuthClaims",
                    message:
                        "One or more claims either missing or does not match with the open authentication access control policy."
                ))
        }
        let body = SandboxJSON.parse(request.body) ?? .string(request.text)
        if flow.trigger.validatesSchema, let schema = flow.trigger.schema {
            let violations = FlowSchemaValidator(requiredCaseSensitive: loaded.options.requiredCaseSensitive)
                .violations(of: body, against: schema)
            if !violations.isEmpty {
                // docs/reference/flows.md §1 [3P] code and text.
                return .respond(
                    Self.error(
                        400, code: "TriggerInputSchemaMismatch",
                        message:
                            """
                            The input body for trigger '\(flow.trigger.name)' of type 'Request' did not match\
                             its schema definition. Error details:\
                             '\(violations.map(\.message).joined(separator: " "))'.
                            """
                    ))
            }
        }
        var headers: [String: SandboxJSON] = [:]
        for field in request.headers { headers[field.name.rawName] = .string(field.value) }
        let runID = FlowRunBook.newRunID()
        let tracking = request.headers[.msClientTrackingID].flatMap { $0.isEmpty ? nil : $0 } ?? runID
        let outcome = FlowEngine.run(
            flow, options: loaded.options, body: body, headers: headers, runID: runID, clientTrackingID: tracking)
        return .ran(outcome, path: request.path, headers: request.headers)
    }

    /// Records a run, stores what a successful one read, and answers as the trigger does: 202
    /// at once without a Response action, else the Response's status, or 502 when none ran
    /// (docs/reference/flows.md §1 [DOC]); always with the run headers (§1 [3P]).
    func finish(_ outcome: FlowEngine.Outcome, path: String, headers: HTTPFields) async -> SandboxResponse {
        var run = outcome.run
        if let stored = outcome.stored {
            do {
                try await store.insertHTTPSLead(
                    SandboxStore.httpsLeadRow(path: path, headers: headers, body: Array(stored.text.utf8)))
            } catch {
                run.status = "Failed"
                run.errorCode = "InternalServerError"
                run.errorMessage = "The sandbox could not store what the flow read."
            }
        }
        flows.add(run)
        let runHeaders: HTTPFields = [
            .msWorkflowRunID: run.id, .msCorrelationID: run.correlationID, .msClientTrackingID: run.clientTrackingID,
            .msTriggerHistoryName: run.id, .msWorkflowID: "sandbox-\(run.workflow.lowercased())",
            .msWorkflowName: run.workflow,
            .msWorkflowVersion: "08584000000000000000",
        ]
        guard outcome.hasResponseAction else { return SandboxResponse(status: 202, headers: runHeaders) }
        guard let response = outcome.response else {
            // The text is inferred: docs/reference/flows.md §1 says only "502".
            var answer = Self.error(
                502, code: "NoResponse",
                message:
                    "The server did not receive a response from an upstream server. Request tracking id '\(run.id)'.")
            answer.headers.append(contentsOf: runHeaders)
            return answer
        }
        var answer = SandboxResponse(status: response.status, headers: runHeaders)
        for (name, value) in response.headers where !Self.strippedFromResponses(name) {
            if let field = HTTPField.Name(name) { answer.headers.append(HTTPField(name: field, value: value)) }
        }
        if case .string(let text) = response.body {
            answer.body = Array(text.utf8)
        } else if response.body != .null {
            answer.body = Array(response.body.text.utf8)
            if answer.headers[.contentType] == nil {
                answer.headers.append(HTTPField(name: .contentType, value: "application/json; charset=utf-8"))
            }
        }
        return answer
    }

    /// Headers a Response action may set that Logic Apps removes without a word
    /// (docs/reference/flows.md §7 [DOC] connectors-native-reqres.md, "Add a Response action"):
    /// Allow, Content-* but Content-Disposition, -Encoding and -Type, Cookie, Expires,
    /// Last-Modified, Set-Cookie, Transfer-Encoding.
    static func strippedFromResponses(_ name: String) -> Bool {
        let lower = name.lowercased()
        if ["allow", "cookie", "expires", "last-modified", "set-cookie", "transfer-encoding"].contains(lower) {
            return true
        }
        return lower.hasPrefix("content-")
            && !["content-disposition", "content-encoding", "content-type"].contains(lower)
    }

    /// A trigger URL's path is the flow's own (`/workflows/<id>/triggers/manual/paths/invoke`)
    /// and a publisher's endpoint may have any path: every POST is a delivery.
    public var routes: [SandboxRoute] { [SandboxRoute(.post, "**") { await handle($0) }] }

    /// Any other request (another method, or a POST to `/`, which `**` does not match) goes
    /// through the same admission: refused after authentication, as ``admit(_:)`` orders them.
    public func unrouted(_ request: SandboxRequest) async -> SandboxResponse { await handle(request) }

    /// Accepts a lead.
    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        switch admit(request) {
        case .respond(let response): return response
        case .ran(let outcome, let path, let headers): return await finish(outcome, path: path, headers: headers)
        case .store(let row):
            do {
                // Acknowledged only once committed: a 202 means the lead survives a SIGKILL.
                let id = try await store.insertHTTPSLead(row)
                return SandboxResponse(status: 202, headers: [.msWorkflowRunID: "08585\(id)"])
            } catch {
                return Self.error(500, code: "InternalServerError", message: "The sandbox could not store the lead.")
            }
        }
    }
}
