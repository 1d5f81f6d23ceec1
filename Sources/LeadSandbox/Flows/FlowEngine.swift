import Foundation
import LeadModel

/// Runs a loaded flow's actions for one accepted lead, the way Logic Apps decides a lead's fate:
/// `runAfter` order and statuses, Parse JSON's schema check (`ValidationFailed`), expressions
/// that fail (`InvalidTemplate`), `If`/`Switch`/`Scope`/`Foreach` bodies, variables,
/// `Terminate`, and `Response` actions. Connector actions (storing the lead) succeed once their
/// inputs evaluate; what the run stores is every lead property read by an action that keeps
/// what it reads: not a Response, Parse JSON or Terminate, nor a condition's expression (the
/// rule `flow check` applies with its own code).
struct FlowEngine {
    /// What a run produced.
    struct Outcome: Sendable {
        var run: FlowRun
        /// The first Response action that ran: status, headers, body.
        var response: (status: Int, headers: [String: String], body: SandboxJSON)?
        /// Whether the definition has a Response action at all (then the caller waits for it).
        var hasResponseAction: Bool
        /// The lead properties the flow read, nested by the keys it used; nil unless the run succeeded.
        var stored: SandboxJSON?
    }

    let flow: SandboxFlow
    let options: FlowOptions
    private var evaluator: FlowEvaluator
    private var records: [FlowActionRun] = []
    private var statuses: [String: String] = [:]
    private var response: (status: Int, headers: [String: String], body: SandboxJSON)?
    private var terminated: (status: String, code: String?, message: String?)?

    init(flow: SandboxFlow, options: FlowOptions, body: SandboxJSON, headers: [String: SandboxJSON]) {
        self.flow = flow
        self.options = options
        evaluator = FlowEvaluator(
            triggerBody: body, triggerHeaders: headers, parameters: flow.parameters,
            caseInsensitiveReads: options.caseInsensitiveReads)
    }

    /// Runs every action and returns the run's record.
    static func run(
        _ flow: SandboxFlow, options: FlowOptions, body: SandboxJSON, headers: [String: SandboxJSON], runID: String,
        clientTrackingID: String
    ) -> Outcome {
        var engine = FlowEngine(flow: flow, options: options, body: body, headers: headers)
        let started = Self.now()
        let unhandled = engine.runScope(flow.actions)
        var run = FlowRun(
            id: runID, workflow: flow.name, correlationID: UUID().uuidString.lowercased(),
            clientTrackingID: clientTrackingID,
            triggerName: flow.trigger.name, startTime: started, endTime: Self.now(), status: "Succeeded",
            actions: engine.records,
            contentSignature: UUID().uuidString.replacingOccurrences(of: "-", with: ""))
        if let terminated = engine.terminated {
            run.status = terminated.status
            run.errorCode = terminated.code
            run.errorMessage = terminated.message
        } else if unhandled {
            // [3P] a run whose action failed ends Failed with this run-level error (sandroasp
            // Azure-Learning-Path, "Extract Error Message From Logic App Run History").
            run.status = "Failed"
            run.errorCode = "ActionFailed"
            run.errorMessage = "An action failed. No dependent actions succeeded."
        }
        return Outcome(
            run: run, response: engine.response, hasResponseAction: Self.hasResponse(flow.actions),
            stored: run.status == "Succeeded" ? Self.nest(engine.evaluator.reads) : nil)
    }

    static func now() -> String { SandboxDate.iso8601() }

    private static func hasResponse(_ actions: [String: SandboxJSON]) -> Bool {
        actions.values.contains { action in
            if action["type"]?.string?.lowercased() == "response" { return true }
            let nested =
                [action["actions"], action["else"]?["actions"], action["default"]?["actions"]].compactMap { $0?.object }
                + (action["cases"]?.object?.values.compactMap { $0["actions"]?.object } ?? [])
            return nested.contains(where: hasResponse)
        }
    }

    /// The reads as one object: the deepest read of each path wins, so `userDetails` read on the
    /// way to `userDetails.email` stores only the email.
    static func nest(_ reads: [(path: [String], value: SandboxJSON)]) -> SandboxJSON {
        // The lead handed on whole: all of it is kept.
        if let whole = reads.first(where: { $0.path.isEmpty }) { return whole.value }
        let paths = reads.map(\.path)
        var root: [String: SandboxJSON] = [:]
        for (path, value) in reads where !path.isEmpty {
            let deeper = paths.contains { $0.count > path.count && Array($0.prefix(path.count)) == path }
            if !deeper { insert(value, at: path[...], into: &root) }
        }
        return .object(root)
    }

    private static func insert(
        _ value: SandboxJSON, at path: ArraySlice<String>, into object: inout [String: SandboxJSON]
    ) {
        guard let key = path.first else { return }
        if path.count == 1 {
            object[key] = value
            return
        }
        var child = object[key]?.object ?? [:]
        insert(value, at: path.dropFirst(), into: &child)
        object[key] = .object(child)
    }

    /// Runs one scope's actions in `runAfter` order; true when an action failed and nothing
    /// that runs after its failure handled it.
    private mutating func runScope(_ actions: [String: SandboxJSON]) -> Bool {
        var pending = actions.keys.sorted()
        var failed: [String] = []
        var handled: Set<String> = []
        while !pending.isEmpty, terminated == nil {
            guard
                let next = pending.first(where: { name in
                    (actions[name]?["runAfter"]?.object ?? [:]).keys.allSatisfy {
                        actions[$0] == nil || statuses[$0] != nil
                    }
                })
            else { break }
            pending.removeAll { $0 == next }
            let action = actions[next] ?? .null
            let after = action["runAfter"]?.object ?? [:]
            var runs = true
            for (predecessor, wanted) in after where actions[predecessor] != nil {
                let allowed = (wanted.array ?? []).compactMap(\.string).map { $0.lowercased() }
                let status = (statuses[predecessor] ?? "Skipped").lowercased()
                if !(allowed.isEmpty ? ["succeeded"] : allowed).contains(status) { runs = false }
            }
            guard runs else {
                record(
                    next, action, status: "Skipped", code: "ActionSkipped",
                    message:
                        """
                        The execution of template action '\(next)' is skipped: the 'runAfter' condition for\
                         action(s) '\(after.keys.sorted().joined(separator: ", "))' is not satisfied.
                        """,
                    outputs: nil)
                continue
            }
            for predecessor in after.keys
            where (after[predecessor]?.array ?? []).contains(where: {
                ["failed", "timedout"].contains($0.string?.lowercased() ?? "")
            }) {
                handled.insert(predecessor)
            }
            if execute(next, action) == "Failed" { failed.append(next) }
        }
        for name in pending {
            record(
                name, actions[name] ?? .null, status: terminated == nil ? "Skipped" : "Cancelled",
                code: "ActionSkipped", message: nil, outputs: nil)
        }
        return failed.contains { !handled.contains($0) }
    }

    private mutating func record(
        _ name: String, _ action: SandboxJSON, status: String, code: String, message: String?, outputs: SandboxJSON?,
        started: String? = nil
    ) {
        statuses[name] = status
        records.append(
            FlowActionRun(
                name: name, type: action["type"]?.string ?? "", status: status, code: code, errorMessage: message,
                startTime: started ?? Self.now(), endTime: Self.now(), outputs: outputs))
    }

    /// Runs one action; returns its status.
    @discardableResult
    private mutating func execute(_ name: String, _ action: SandboxJSON) -> String {
        let started = Self.now()
        let mark = evaluator.readCount
        let inputs = action["inputs"] ?? .null
        func fail(_ code: String, _ message: String, outputs: SandboxJSON? = nil) -> String {
            record(name, action, status: "Failed", code: code, message: message, outputs: outputs, started: started)
            return "Failed"
        }
        func succeed(_ outputs: SandboxJSON?) -> String {
            record(name, action, status: "Succeeded", code: "OK", message: nil, outputs: outputs, started: started)
            return "Succeeded"
        }
        func invalid(_ error: FlowTemplateError) -> String {
            // docs/reference/flows.md §3 [DOC]: "InvalidTemplate. Unable to process template language expressions…".
            fail(
                "InvalidTemplate",
                "Unable to process template language expressions in action '\(name)' inputs at line '0' and column '0': '\(error.message)'."
            )
        }
        do {
            switch (action["type"]?.string ?? "").lowercased() {
            case "parsejson":
                var content = try evaluator.evaluate(inputs["content"] ?? .null)
                if case .string(let text) = content.json, let parsed = SandboxJSON.parse(Array(text.utf8)) {
                    content.json = parsed
                }
                evaluator.forgetReads(since: mark)
                let violations = FlowSchemaValidator(requiredCaseSensitive: options.requiredCaseSensitive).violations(
                    of: content.json, against: inputs["schema"] ?? .null)
                guard violations.isEmpty else {
                    // docs/reference/flows.md §3 [3P]: "ValidationFailed. The schema validation failed.", errors[] in the outputs.
                    return fail(
                        "ValidationFailed", "The schema validation failed.",
                        outputs: .object(["errors": .array(violations.map(\.json))]))
                }
                evaluator.outputs[name] = .object(["body": content.json])
                evaluator.bodies[name] = FlowValue(content.json, lead: content.lead)
                return succeed(.object(["body": content.json]))
            case "compose":
                let value = try evaluator.evaluate(inputs)
                evaluator.outputs[name] = value.json
                evaluator.bodies[name] = value
                return succeed(value.json)
            case "response":
                let value = try evaluator.evaluate(inputs).json
                evaluator.forgetReads(since: mark)
                // A status outside 100–599 fails the action (inferred: Logic Apps refuses such a
                // definition when it is saved) rather than reaching the HTTP layer.
                guard let status = Int(value["statusCode"]?.interpolated ?? "200"), (100...599).contains(status) else {
                    return fail(
                        "InvalidTemplate",
                        "The response status code '\(value["statusCode"]?.interpolated ?? "")' of action '\(name)' is not a valid HTTP status."
                    )
                }
                var headers: [String: String] = [:]
                for (key, header) in value["headers"]?.object ?? [:] { headers[key] = header.interpolated }
                if response == nil { response = (status, headers, value["body"] ?? .null) }
                return succeed(.object(["statusCode": .number(Double(status)), "body": value["body"] ?? .null]))
            case "initializevariable":
                for variable in try evaluator.evaluate(inputs).json["variables"]?.array ?? [] {
                    evaluator.variables[variable["name"]?.string ?? ""] = variable["value"] ?? .null
                }
                return succeed(nil)
            case "setvariable":
                let value = try evaluator.evaluate(inputs).json
                evaluator.variables[value["name"]?.string ?? ""] = value["value"] ?? .null
                return succeed(nil)
            case "terminate":
                let value = try evaluator.evaluate(inputs).json
                evaluator.forgetReads(since: mark)
                let status = value["runStatus"]?.string ?? "Failed"
                terminated = (
                    status, value["runError"]?["code"]?.interpolated, value["runError"]?["message"]?.interpolated
                )
                return succeed(nil)
            case "if":
                let condition = try self.condition(action["expression"] ?? .bool(true))
                evaluator.forgetReads(since: mark)
                let branch = condition ? action["actions"] : action["else"]?["actions"]
                return runNested(name, action, branch?.object ?? [:], started: started)
            case "switch":
                let value = try evaluator.evaluate(action["expression"] ?? .null).json
                evaluator.forgetReads(since: mark)
                let match = (action["cases"]?.object ?? [:]).values.first {
                    $0["case"].map { $0.interpolated == value.interpolated } ?? false
                }
                return runNested(
                    name, action, (match?["actions"] ?? action["default"]?["actions"])?.object ?? [:], started: started)
            case "scope":
                return runNested(name, action, action["actions"]?.object ?? [:], started: started)
            case "foreach":
                let collection = try evaluator.evaluate(action["foreach"] ?? .array([])).json.array ?? []
                evaluator.forgetReads(since: mark)
                var anyFailed = false
                for item in collection {
                    evaluator.items.append((name, item))
                    if runScope(action["actions"]?.object ?? [:]) { anyFailed = true }
                    evaluator.items.removeLast()
                }
                return anyFailed
                    ? fail("ActionFailed", "An action failed. No dependent actions succeeded.") : succeed(nil)
            default:
                // A connector or HTTP action: it succeeds once its inputs evaluate (the platform
                // resolves `host`, the connection).
                let value = try evaluator.evaluate(inputs, skipping: ["host"])
                evaluator.outputs[name] = .object([
                    "statusCode": .number(200), "body": value.json["body"] ?? .object([:]),
                ])
                return succeed(.object(["statusCode": .number(200), "body": value.json["body"] ?? .object([:])]))
            }
        } catch {
            return invalid(error)
        }
    }

    private mutating func runNested(
        _ name: String, _ action: SandboxJSON, _ actions: [String: SandboxJSON], started: String
    ) -> String {
        let failed = runScope(actions)
        let status = failed ? "Failed" : "Succeeded"
        record(
            name, action, status: status, code: failed ? "ActionFailed" : "OK",
            message: failed ? "An action failed. No dependent actions succeeded." : nil, outputs: nil, started: started)
        return status
    }

    /// A condition: an expression string, or the designer's `{"and":[{"equals":[a, b]}]}` tree.
    private mutating func condition(_ node: SandboxJSON) throws(FlowTemplateError) -> Bool {
        guard case .object(let members) = node, let (operation, operands) = members.first else {
            return try evaluator.evaluate(node).json.truthy
        }
        let list = operands.array ?? [operands]
        switch operation.lowercased() {
        case "and":
            for operand in list where !(try condition(operand)) { return false }
            return true
        case "or":
            for operand in list where try condition(operand) { return true }
            return false
        case "not": return !(try condition(list.first ?? .bool(false)))
        default:
            var values: [SandboxJSON] = []
            for operand in list { values.append(try evaluator.evaluate(operand).json) }
            let call = FlowExpression.call(name: operation, arguments: values.map { .literal($0) })
            return try evaluator.evaluate(call, source: operation).json.truthy
        }
    }
}
