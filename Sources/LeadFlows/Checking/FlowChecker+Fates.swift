import LeadFlowFiles
import LeadModel

/// What happens to one lead Microsoft sends to the flow, as the publisher would find out.
public enum LeadFate: String, Sendable, Hashable, Codable {
    /// The trigger answered non-2xx: Microsoft's connector counts the delivery as failed.
    case refused
    /// The trigger answered 2xx and the run failed: the lead is gone, and Microsoft never hears.
    case failed
    /// The run succeeded and kept no value of the lead.
    case keptNothing = "kept-nothing"
    /// The run succeeded and handed at least one value of the lead to an action that keeps it.
    case kept
}

extension FlowChecker {
    /// Each lead shape's possible fates, by a static walk of the definition: the trigger's
    /// checks, then the actions in `runAfter` order (a failed read or Parse JSON fails its
    /// action; an action whose `runAfter` is not met is skipped; `Terminate` ends the run), then
    /// what the trigger answers (202 without a Response action; the first Response's status; 502
    /// when every Response was skipped — docs/reference/flows.md §1). A condition's branch depends on
    /// values the check does not decide, so each combination of branches is walked (up to 64;
    /// beyond, every branch is taken at once) and a lead's fates are those of every combination.
    public func fates(_ document: FlowDocument) -> [(payload: FlowPayload, fates: Set<LeadFate>)] {
        let definition = document.definition
        let triggerErrors = triggerIssues(definition, document: document).filter { $0.severity == .error }
        let actions = ActionSite.all(in: definition["actions"], at: document.definitionPointer.appending("actions"))
        let contents = parsedContents(actions)
        let hasResponse = actions.contains { $0.type == "response" }
        let choices = Self.branchChoices(actions)
        return payloads.map { payload in
            // Schema Validation refuses some shapes only; every other trigger error refuses all.
            let refusedByTrigger =
                triggerErrors.contains { $0.code != .flowSchema } || schemaRefuses(definition, payload: payload)
            guard !refusedByTrigger else { return (payload, [.refused]) }
            var fates: Set<LeadFate> = []
            for choice in choices {
                var walk = RunWalk(checker: self, payload: payload, contents: contents, choice: choice)
                let failed = walk.run(definition["actions"])
                if hasResponse, !(walk.response.map { (200..<300).contains($0) } ?? false) {
                    fates.insert(.refused)
                } else if failed || walk.terminatedUnsuccessfully {
                    fates.insert(.failed)
                } else {
                    fates.insert(walk.kept ? .kept : .keptNothing)
                }
            }
            return (payload, fates)
        }
    }

    /// Every combination of branches (an `If`'s `true`/`false`, a `Switch`'s cases and
    /// `default`) by action name; one empty combination (every branch at once) past 64.
    static func branchChoices(_ actions: [ActionSite]) -> [[String: String]] {
        var combinations: [[String: String]] = [[:]]
        for site in actions {
            let options: [String]
            switch site.type {
            case "if": options = ["true", "false"]
            case "switch": options = (site.value["cases"]?.object ?? [:]).keys.sorted() + ["default"]
            default: continue
            }
            combinations = combinations.flatMap { combination in
                options.map { combination.merging([site.name: $0]) { $1 } }
            }
            if combinations.count > 64 { return [[:]] }
        }
        return combinations
    }

    /// Whether the trigger's Schema Validation refuses this lead.
    func schemaRefuses(_ definition: JSONValue, payload: FlowPayload) -> Bool {
        let triggers = definition["triggers"]?.object ?? [:]
        return triggers.values.contains { trigger in
            guard trigger["type"]?.string?.lowercased() == "request",
                (trigger["operationOptions"]?.string ?? "").lowercased().contains("enableschemavalidation"),
                let schema = trigger["inputs"]?["schema"]
            else { return false }
            return SchemaCheck.violation(of: payload.body, schema: schema, at: .root) != nil
        }
    }
}

/// One lead's walk through the actions: each action's status, the first Response's status, and
/// whether a value of the lead reached an action that keeps it.
struct RunWalk {
    let checker: FlowChecker
    let payload: FlowPayload
    let contents: [String: PropertyRead]
    /// The branch each condition takes, by action name; a condition not named takes them all.
    let choice: [String: String]
    var response: Int?
    var kept = false
    var terminated = false
    var terminatedUnsuccessfully = false

    /// Runs one `actions` map; true when an action failed and nothing after it handled the failure.
    mutating func run(_ map: JSONValue?) -> Bool {
        let actions = map?.object ?? [:]
        var statuses: [String: String] = [:]
        var pending = actions.keys.sorted()
        var failed: [String] = []
        var handled: Set<String> = []
        while !pending.isEmpty, !terminated {
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
            let runs = after.allSatisfy { predecessor, wanted in
                guard actions[predecessor] != nil else { return true }
                let allowed = (wanted.array ?? []).compactMap(\.string).map { $0.lowercased() }
                return (allowed.isEmpty ? ["succeeded"] : allowed).contains(
                    (statuses[predecessor] ?? "skipped").lowercased())
            }
            guard runs else {
                statuses[next] = "Skipped"
                continue
            }
            for (predecessor, wanted) in after
            where (wanted.array ?? []).contains(where: {
                ["failed", "timedout"].contains($0.string?.lowercased() ?? "")
            }) {
                handled.insert(predecessor)
            }
            let status = execute(next, action)
            statuses[next] = status
            if status == "Failed" { failed.append(next) }
        }
        return failed.contains { !handled.contains($0) }
    }

    /// Whether a read fails for this lead.
    func fails(_ value: JSONValue?, condition: Bool = false) -> Bool {
        FlowChecker.reads(in: value, at: .root, condition: condition).contains { _, read in
            let outcome = checker.evaluate(read, on: payload, contents: contents)
            return outcome.known && (outcome.failure ?? checker.nullArgumentFailure(read, outcome)) != nil
        }
    }

    mutating func execute(_ name: String, _ action: JSONValue) -> String {
        let type = action["type"]?.string?.lowercased() ?? ""
        let inputs = action["inputs"]
        switch type {
        case "if":
            if fails(action["expression"], condition: true) { return "Failed" }
            var failed = false
            if choice[name] != "false", run(action["actions"]) { failed = true }
            if choice[name] != "true", run(action["else"]?["actions"]) { failed = true }
            return failed ? "Failed" : "Succeeded"
        case "switch":
            if fails(action["expression"]) { return "Failed" }
            var failed = false
            if choice[name] == nil || choice[name] == "default", run(action["default"]?["actions"]) { failed = true }
            for (key, branch) in action["cases"]?.object ?? [:] where choice[name] == nil || choice[name] == key {
                if run(branch["actions"]) { failed = true }
            }
            return failed ? "Failed" : "Succeeded"
        case "scope":
            return run(action["actions"]) ? "Failed" : "Succeeded"
        case "foreach", "until":
            if fails(action["foreach"] ?? action["expression"]) { return "Failed" }
            return run(action["actions"]) ? "Failed" : "Succeeded"
        default:
            break
        }
        if fails(inputs) { return "Failed" }
        switch type {
        case "parsejson":
            guard let read = contents[name], let schema = inputs?["schema"] else { return "Succeeded" }
            let outcome = checker.evaluate(read, on: payload, contents: contents)
            guard outcome.known, outcome.failure == nil else { return "Succeeded" }
            return SchemaCheck.violation(of: outcome.value ?? .null, schema: schema, at: .root) == nil
                ? "Succeeded" : "Failed"
        case "response":
            switch ResponseStatus(inputs?["statusCode"]) {
            case .invalid: return "Failed"
            case .literal(let status): if response == nil { response = status }
            // A computed status is unknown before the run; the Response answers something.
            case .computed: if response == nil { response = 200 }
            }
            return "Succeeded"
        case "terminate":
            terminated = true
            terminatedUnsuccessfully = (inputs?["runStatus"]?.string ?? "Failed").lowercased() != "succeeded"
            return "Succeeded"
        default:
            if !kept,
                checker.keepsSomething(
                    of: payload, reads: FlowChecker.reads(in: inputs, at: .root).map(\.read), contents: contents)
                    != false
            {
                kept = true
            }
            return "Succeeded"
        }
    }
}
