import Foundation
import LeadModel
import LeadTransport

/// Follows the run a delivered lead started in the flow behind an HTTPS endpoint (`run:`,
/// docs/reference/flows.md §5): finds it by the trigger's `x-ms-workflow-run-id` answer, else by the
/// `x-ms-client-tracking-id` leadcheck sent (the lead's marker), polls it until it ends, and
/// turns a run that did not succeed into a finding naming the failed action, its code and
/// message.
struct FlowRunReader: Sendable {
    let settings: FlowRunSettings
    let destination: String
    let client: HTTPClient
    let tokens: TokenCache
    let session: BearerSession
    /// The reading app's sign-in, in the shape the Entra helpers take (the resource as instance).
    let entra: DynamicsSettings

    init(settings: FlowRunSettings, destination: String, client: HTTPClient) {
        self.settings = settings
        self.destination = destination
        self.client = client
        let entra = DynamicsSettings(
            instanceURL: settings.resource, tenantID: settings.tenantID, clientID: settings.clientID,
            clientSecret: settings.clientSecret, tokenURL: settings.effectiveTokenURL)
        self.entra = entra
        let budget = Duration.milliseconds(client.options.totalTimeoutMilliseconds)
        let key = settings.service.key
        tokens = TokenCache { [client] in
            // Entra's answer is classified as for Dynamics (docs/reference/dynamics.md §5), but this app
            // only reads runs and Partner Center never sees it: say so in the message and hint.
            await DynamicsDestination.fetchToken(
                DynamicsDestination.tokenRequest(entra), client: client, budget: budget, destination: destination,
                settings: entra
            )
            .mapError { failure in
                FindingsFailure(
                    findings: failure.findings.map { finding in
                        var copy = finding
                        copy.message = "signing in to read the flow's runs (run.\(key)): \(finding.message)"
                        if finding.code == .authRejected {
                            copy.hint =
                                """
                                Fix run.\(key): the app \(entra.clientID ?? "") must exist in tenant\
                                 \(entra.tenantID ?? "") with a current client secret (its Value, not its\
                                 Secret ID) and access to \(entra.instanceURL). It only reads runs; Partner\
                                 Center does not use it.
                                """
                        }
                        return copy
                    })
            }
        }
        session = BearerSession(client: client, tokens: tokens, retryBudget: budget)
    }

    /// What one look at the run found.
    enum Look: Sendable {
        /// The run, with its status and (when it failed) code and message.
        case run(id: String, status: String, code: String?, message: String?)
        /// No such run (yet).
        case none
        /// The service refused or failed: these findings.
        case refused([Finding])
    }

    /// Signs in once, so a wrong reading app shows before any lead is sent.
    func signIn() async -> [Finding] {
        if case .failure(let failure) = await tokens.token() { return failure.findings(lead: nil) }
        return []
    }

    /// The run's verdict: no findings when it succeeded.
    func check(marker: String, runID: String?, timeout: Duration) async -> [Finding] {
        var backoff = Backoff(first: .milliseconds(100), maximum: .seconds(1), deadline: .now + timeout)
        var last: Look = .none
        while true {
            last = await look(marker: marker, runID: runID)
            switch last {
            case .refused(let findings): return findings
            case .run(let id, let status, let code, let message) where Self.ended(status):
                if Self.succeeded(status) { return [] }
                return [await failure(marker: marker, runID: id, status: status, code: code, message: message)]
            default: break
            }
            guard await backoff.wait() else { break }
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if case .run(let id, let status, _, _) = last {
            return [
                Finding(
                    code: .flowRunUnfinished, destination: destination, lead: marker,
                    message:
                        "the flow's run \(id) was still \(status) after leadcheck followed it for \(String(format: "%.0f", seconds)) s",
                    hint:
                        "leadcheck cannot say whether this lead survives: raise run.runTimeout, or look at the run in the flow's run history."
                )
            ]
        }
        return [missing(marker: marker, runID: runID, seconds: seconds)]
    }

    /// Ended: anything but Running, Waiting, Paused, Resuming, NotSpecified (docs/reference/flows.md §5's statuses).
    static func ended(_ status: String) -> Bool {
        !["running", "waiting", "paused", "resuming", "notspecified", ""].contains(status.lowercased())
    }

    /// Succeeded (ARM) or Success (Dataverse's flowrun, docs/reference/flows.md §5).
    static func succeeded(_ status: String) -> Bool { ["succeeded", "success"].contains(status.lowercased()) }

    // MARK: Requests

    private var workflowURL: String? {
        guard case .logicApp(let subscription, let group, let workflow, let management) = settings.service else {
            return nil
        }
        func segment(_ text: String) -> String { QueryLiteral.urlComponent(text) }
        return
            "\(management)/subscriptions/\(segment(subscription))/resourceGroups/\(segment(group))/providers/Microsoft.Logic/workflows/\(segment(workflow))"
    }

    /// A GET of the workflow's `path` (`/runs/…`) at ARM's api-version 2016-06-01 (docs/reference/flows.md §5).
    static func armRequest(_ workflowURL: String, _ path: String, query: String = "", token: String) -> HTTPRequest {
        HTTPRequest(
            url: "\(workflowURL)\(path)?api-version=2016-06-01\(query)",
            headers: ["Accept": "application/json", "Authorization": "Bearer \(token)"])
    }

    /// Where the run is read: `runs/{id}`, or `runs?$filter=ClientTrackingId eq '…'` (docs/reference/flows.md
    /// §5), or Dataverse's `flowruns` filtered by `name` (the run id) or `clienttrackingid`.
    func lookRequest(marker: String, runID: String?, token: String) -> HTTPRequest {
        if let workflowURL {
            if let runID {
                return Self.armRequest(workflowURL, "/runs/\(QueryLiteral.urlComponent(runID))", token: token)
            }
            return Self.armRequest(
                workflowURL, "/runs",
                query: "&$filter=\(QueryLiteral.urlComponent("ClientTrackingId eq \(QueryLiteral.odata(marker))"))",
                token: token)
        }
        let filter =
            runID.map { "name eq \(QueryLiteral.odata($0))" } ?? "clienttrackingid eq \(QueryLiteral.odata(marker))"
        return DynamicsDestination.webAPI(
            "GET", entra,
            "flowruns?$select=name,status,errorcode,errormessage,clienttrackingid&$filter=\(QueryLiteral.urlComponent(filter))",
            token: token)
    }

    private static func verdict(_ response: HTTPResponse) -> CallVerdict {
        if response.status == 401 { return .reauthenticate }
        if response.status == 429 || response.status == 503 { return .retryAfter(BearerSession.retryAfter(response)) }
        return .done
    }

    private func look(marker: String, runID: String?) async -> Look {
        let response: HTTPResponse
        switch await session.send({ lookRequest(marker: marker, runID: runID, token: $0) }, verdict: Self.verdict) {
        case .failure(let failure):
            return .refused(failure.findings(destination: destination, lead: marker, action: "reading the flow's run"))
        case .success(let value): response = value
        }
        if response.status == 404, runID != nil, workflowURL != nil {
            // The workflow exists but not the run (yet: `WorkflowRunNotFound`), or there is no such
            // workflow: `WorkflowNotFound` (docs/reference/flows.md §7, a third-party capture), or
            // ARM's `ResourceNotFound` (inferred) — reported at once. Any other 404 is polled again.
            let refusal = JSONValue.decode(WorkflowRun.Refusal.self, from: response.body)
            return ["WorkflowNotFound", "ResourceNotFound"].contains(refusal?.error?.code ?? "")
                ? .refused([await unreadable(response, marker: marker)]) : .none
        }
        guard response.isSuccess else { return .refused([await unreadable(response, marker: marker)]) }
        // A 2xx that is not a run (or a list of them) is not "no run yet": say what came back.
        if workflowURL != nil {
            let run: WorkflowRun?
            if runID == nil {
                guard let list = JSONValue.decode(WorkflowRun.List.self, from: response.body) else {
                    return .refused([await unreadable(response, marker: marker)])
                }
                run = list.value.first
            } else {
                guard let one = JSONValue.decode(WorkflowRun.self, from: response.body), one.name != nil else {
                    return .refused([await unreadable(response, marker: marker)])
                }
                run = one
            }
            guard let run, let id = run.name else { return .none }
            return .run(
                id: id, status: run.properties?.status ?? "", code: run.properties?.error?.code ?? run.properties?.code,
                message: run.properties?.error?.message)
        }
        guard let list = JSONValue.decode(DataverseFlowRun.List.self, from: response.body) else {
            return .refused([await unreadable(response, marker: marker)])
        }
        guard let row = list.value.first, let id = row.name else { return .none }
        return .run(id: id, status: row.status ?? "", code: row.errorcode, message: row.errormessage)
    }

    // MARK: Findings

    private func redacted(_ text: String) async -> String { await tokens.redact(client.redactor.redact(text)) }

    /// The run could not be read: ARM's or Dataverse's refusal, with what to grant.
    private func unreadable(_ response: HTTPResponse, marker: String) async -> Finding {
        let error = JSONValue.decode(WorkflowRun.Refusal.self, from: response.body)?.error
        let evidence = await redacted(
            "HTTP \(response.status) \(error?.code ?? ""): \(error?.message ?? String(response.text.prefix(200)))")
        let hint: String
        switch (settings.service, response.status) {
        case (_, 200..<300):
            hint =
                """
                Check that\
                 run.\(settings.service.key).\(settings.service.key == "logicApp" ? "managementUrl" : "instanceUrl")\
                 is Azure Resource Manager's or the Dataverse environment's URL (\(settings.resource)).
                """
        case (.logicApp, 404):
            hint =
                "Check run.logicApp's subscriptionId, resourceGroup and workflow: they must name the Logic App whose trigger URL this destination posts to."
        case (.logicApp, _):
            hint =
                "Give the app \(settings.clientID) the Logic App Operator (or Reader) role on the workflow, so it may read runs."
        case (.powerAutomate, _):
            hint =
                """
                Give the app \(settings.clientID) an application user in the environment with read access to\
                 the Flow Run table, and check run.powerAutomate.instanceUrl.
                """
        }
        return Finding(
            code: .flowRunUnreadable, destination: destination, lead: marker,
            message: response.isSuccess
                ? """
                the runs API answered HTTP \(response.status) with something that is not a run, so leadcheck\
                 cannot say whether the run the lead started succeeded
                """
                : "the flow's runs could not be read (HTTP \(response.status)), so leadcheck cannot say whether the run the lead started succeeded",
            hint: hint, evidence: evidence)
    }

    private func missing(marker: String, runID: String?, seconds: Double) -> Finding {
        let waited = String(format: "%.0f", seconds)
        switch settings.service {
        case .logicApp:
            return Finding(
                code: .flowRunMissing, destination: destination, lead: marker,
                message:
                    "no run of the workflow was found for the lead (\(runID.map { "run \($0)" } ?? "client tracking id \(marker)")) within \(waited) s",
                hint:
                    """
                    The trigger answered 2xx, so a run should exist: check that run.logicApp names the\
                     workflow behind this trigger URL. Without an x-ms-workflow-run-id answer\
                     (SuppressWorkflowHeadersOnResponse) leadcheck looks the run up by the\
                     x-ms-client-tracking-id it sent.
                    """
            )
        case .powerAutomate:
            // docs/reference/flows.md §5, §7 [DOC] cloud-flow-run-metadata: every cause of "no row".
            return Finding(
                code: .flowRunMissing, destination: destination, lead: marker,
                message:
                    "no row in Dataverse's flowrun table for the lead (\(runID.map { "run \($0)" } ?? "client tracking id \(marker)")) within \(waited) s",
                hint: """
                    Dataverse may not show this run, for any of these reasons (learn.microsoft.com/power-automate/dataverse/cloud-flow-run-metadata): \
                    the flow is not in a solution (only solution flows' runs are kept); the rows arrive through a\
                     stream that can lag, so raise run.runTimeout; \
                    the environment's flow run time-to-live is 0, so no row is written; the rows belong to the flow's owner, so the app \(settings.clientID) \
                    needs read access to Flow Run at the organization level, not only its own rows. leadcheck\
                     cannot say whether this lead survived the flow: check its run history.
                    """)
        }
    }

    /// A run that ended without success: the failed action (ARM lists the actions; Dataverse
    /// keeps only the run's code and message), its code and message, Parse JSON's errors.
    private func failure(marker: String, runID: String, status: String, code: String?, message: String?) async
        -> Finding
    {
        var action: (name: String, code: String?, message: String?)?
        var evidence: [String] = []
        if let workflowURL,
            case .success(let response) = await session.send(
                {
                    Self.armRequest(workflowURL, "/runs/\(QueryLiteral.urlComponent(runID))/actions", token: $0)
                }, verdict: Self.verdict), response.isSuccess,
            let list = JSONValue.decode(WorkflowRunAction.List.self, from: response.body)
        {
            let failed = list.value.filter {
                ["failed", "timedout"].contains(($0.properties?.status ?? "").lowercased())
            }
            // A scope or condition fails because an action inside it did: name the innermost.
            let root =
                failed.first {
                    !["ActionFailed", "ActionDependencyFailed"].contains(
                        $0.properties?.error?.code ?? $0.properties?.code ?? "")
                } ?? failed.first
            if let root, let name = root.name {
                action = (name, root.properties?.error?.code ?? root.properties?.code, root.properties?.error?.message)
                if let uri = root.properties?.outputsLink?.uri,
                    let outputs = try? await client.send(
                        HTTPRequest(url: uri, headers: ["Accept": "application/json"])),
                    outputs.isSuccess,
                    let problems = JSONValue.decode(WorkflowRunAction.Outputs.self, from: outputs.body)?.errors
                {
                    evidence += problems.prefix(5).map {
                        "\($0.message ?? "")\($0.path.map { $0.isEmpty ? "" : " (at \($0))" } ?? "")"
                    }
                }
            }
        }
        if action == nil, let message, let range = message.range(of: #"action '([^']+)'"#, options: .regularExpression)
        {
            // Dataverse's errormessage names the action in InvalidTemplate's wording.
            action = (String(message[range].dropFirst("action '".count).dropLast()), code, message)
        }
        let failing = action?.code ?? code ?? status
        let text =
            action.map { "action '\($0.name)' failed with \($0.code ?? status)\($0.message.map { ": \($0)" } ?? "")" }
            ?? "\(code ?? status)\(message.map { ": \($0)" } ?? "") (the flowrun table does not name the action)"
        let hint: String
        switch failing {
        case "InvalidTemplate":
            hint =
                """
                An expression reads a lead property this lead lacks or has null: Microsoft's leads may lack\
                 any customer field, so read every lead field with '?'\
                 (triggerBody()?['userDetails']?['phone']). leadcheck flow check names each such read.
                """
        case "ValidationFailed":
            hint =
                """
                The Parse JSON schema refuses this lead: Microsoft sends camelCase keys and may leave any\
                 customer field out or null. Take customer fields out of 'required', give them \"type\":\
                 [\"string\", \"null\"], or regenerate the schema from a camelCase sample; leadcheck flow\
                 check shows where.
                """
        default:
            hint =
                "Open the run in the flow's run history and fix the failing action: the trigger answered 2xx, so Microsoft will not send this lead again."
        }
        return Finding(
            code: .flowRunFailed, destination: destination, lead: marker,
            message: "the flow's run \(runID) ended \(status): \(await redacted(text))", hint: hint,
            evidence: evidence.isEmpty ? nil : await redacted(evidence.joined(separator: "; ")))
    }
}
