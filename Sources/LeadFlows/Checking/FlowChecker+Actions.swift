import Foundation
import LeadFlowFiles
import LeadModel

extension FlowChecker {
    /// Parse JSON actions whose schema refuses real leads: the run fails `ValidationFailed`
    /// (docs/reference/flows.md §3).
    func parseJSONIssues(_ actions: [ActionSite], document: FlowDocument) -> [FlowIssue] {
        let contents = parsedContents(actions)
        var issues: [FlowIssue] = []
        for site in actions where site.type == "parsejson" {
            guard let schema = site.value["inputs"]?["schema"], let read = contents[site.name] else { continue }
            issues += schemaIssues(
                schema: schema, at: site.pointer.appending(["inputs", "schema"]),
                instance: { payload in
                    let outcome = evaluate(read, on: payload, contents: contents)
                    return outcome.known && outcome.failure == nil ? (outcome.value ?? .null) : nil
                },
                make: { violation, count, example in
                    FlowIssue(
                        code: .flowParseJSON, origin: document.origin, pointer: violation.schemaPointer,
                        message:
                            """
                            Parse JSON '\(site.name)' fails with ValidationFailed on \(share(count)):\
                             \(violation.message)\(violation.path.isEmpty ? "" : " (at \(violation.path))") —\
                             the run stops there
                            """,
                        hint: "Fix the action's schema. " + Self.schemaHint, example: example)
                })
        }
        return issues
    }

    /// Response actions: what the trigger then answers is theirs (docs/reference/flows.md §1: slow → 504,
    /// every Response skipped → 502 even when the run succeeds), and Microsoft's connector counts
    /// any non-2xx as a failed delivery.
    func responseIssues(_ definition: JSONValue, actions: [ActionSite], document: FlowDocument) -> [FlowIssue] {
        // A Response in a branch matters only when some path through the run has none.
        let everyPathResponds = Self.responds(definition["actions"])
        let hint =
            """
            Remove the Response action: without one the trigger answers 202 as soon as the run is queued,\
             which is all Microsoft's connector needs. If you keep one, make it the first action (no\
             runAfter), outside any condition, answering 200 or 202.
            """
        // A Response that runs only when an action before it failed (runAfter Failed, TimedOut, Skipped)
        // answers a failure the run really had: its non-2xx is the truth, not a lost lead.
        let failureHandlers = actions.filter { $0.type == "response" && Self.runsOnlyOnFailure($0.value) }
        let handled = Set(failureHandlers.flatMap { ($0.value["runAfter"]?.object ?? [:]).keys })
        var issues: [FlowIssue] = []
        for site in actions where site.type == "response" {
            let onFailure = Self.runsOnlyOnFailure(site.value)
            switch ResponseStatus(site.value["inputs"]?["statusCode"]) {
            case .literal(let literal) where !(200..<300).contains(literal) && !onFailure:
                issues.append(
                    FlowIssue(
                        code: .flowResponse, origin: document.origin,
                        pointer: site.pointer.appending(["inputs", "statusCode"]),
                        message:
                            "Response '\(site.name)' answers \(literal) to every lead that reaches it: Microsoft's connector records the delivery as failed",
                        hint: hint))
            case .invalid(let text):
                issues.append(
                    FlowIssue(
                        code: .flowResponse, origin: document.origin,
                        pointer: site.pointer.appending(["inputs", "statusCode"]),
                        message:
                            """
                            Response '\(site.name)' has the status code \(text), which is not an HTTP status\
                             (100–599): the action fails on every lead that reaches it
                            """,
                        hint: hint))
            case .computed:
                issues.append(
                    FlowIssue(
                        code: .flowResponse, severity: .warning, origin: document.origin,
                        pointer: site.pointer.appending(["inputs", "statusCode"]),
                        message:
                            "Response '\(site.name)' answers a status computed by an expression; any non-2xx it gives records the delivery as failed",
                        hint: hint))
            case .literal: break
            }
            if site.conditional, !everyPathResponds {
                issues.append(
                    FlowIssue(
                        code: .flowResponse, severity: .warning, origin: document.origin, pointer: site.pointer,
                        message:
                            """
                            Response '\(site.name)' is inside a condition's branch: a lead that takes another\
                             branch ends the run with the Response skipped, and the trigger answers 502
                            """,
                        hint: hint))
            }
            if let after = site.value["runAfter"]?.object, !after.isEmpty, !onFailure {
                let names = after.keys.sorted()
                let skipped =
                    names.allSatisfy(handled.contains)
                    ? "" : " and, when one fails, the Response is skipped and the trigger answers 502"
                issues.append(
                    FlowIssue(
                        code: .flowResponse, severity: .warning, origin: document.origin,
                        pointer: site.pointer.appending("runAfter"),
                        message:
                            """
                            Response '\(site.name)' waits for \(names.joined(separator: ", ")): the trigger\
                             answers only when they finish (504 when they are slow)\(skipped)
                            """,
                        hint: hint))
            }
        }
        return issues
    }

    /// Whether an action runs only after another did not succeed: every status its `runAfter`
    /// allows is `Failed`, `TimedOut` or `Skipped` (WDL statuses match case-insensitively).
    static func runsOnlyOnFailure(_ action: JSONValue) -> Bool {
        let after = action["runAfter"]?.object ?? [:]
        guard !after.isEmpty else { return false }
        return after.values.allSatisfy { wanted in
            let statuses = (wanted.array ?? []).compactMap { $0.string?.lowercased() }
            return !statuses.isEmpty && statuses.allSatisfy { ["failed", "timedout", "skipped"].contains($0) }
        }
    }

    /// Whether every path through `actions` reaches a Response: one at this level, or a
    /// condition whose every branch (a switch's every case and default) reaches one, or a scope
    /// that does.
    static func responds(_ actions: JSONValue?) -> Bool {
        guard let members = actions?.object else { return false }
        return members.values.contains { action in
            switch action["type"]?.string?.lowercased() ?? "" {
            case "response": return true
            case "if": return responds(action["actions"]) && responds(action["else"]?["actions"])
            case "switch":
                let cases = (action["cases"]?.object ?? [:]).values.map { $0["actions"] }
                return responds(action["default"]?["actions"]) && cases.allSatisfy { responds($0) }
            case "scope": return responds(action["actions"])
            default: return false
            }
        }
    }
}
