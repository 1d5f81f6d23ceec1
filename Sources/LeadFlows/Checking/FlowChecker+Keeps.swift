import LeadFlowFiles
import LeadModel

extension FlowChecker {
    /// Action types whose inputs keep nothing of what they read: a Response answers the caller,
    /// Parse JSON only checks and re-reads (what reads its body keeps), Terminate ends the run.
    /// Conditions (`If`, `Switch`, `Until`) and loops hold no `inputs`. The sandbox's engine keeps
    /// by the same rule, with its own code.
    static let keepsNothingOf: Set<String> = ["response", "parsejson", "terminate"]

    /// The reads handed to actions that keep them (a connector, HTTP, Compose, a variable).
    func keptReads(_ actions: [ActionSite]) -> [PropertyRead] {
        actions.filter { !Self.keepsNothingOf.contains($0.type) }
            .flatMap { site in Self.reads(in: site.value["inputs"], at: site.pointer.appending("inputs")).map(\.read) }
    }

    /// Whether any value of `payload`'s lead reaches a keeping action; nil when a read starts
    /// from an action leadcheck does not model (then it cannot tell).
    func keepsSomething(of payload: FlowPayload, reads: [PropertyRead], contents: [String: PropertyRead]) -> Bool? {
        var unknown = false
        for read in reads {
            let outcome = evaluate(read, on: payload, contents: contents)
            guard outcome.known else {
                unknown = true
                continue
            }
            if outcome.failure == nil, let value = outcome.value, Self.hasValue(value) { return true }
        }
        return unknown ? nil : false
    }

    /// Whether `value` holds anything but nulls and empty containers.
    static func hasValue(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .array(let items): items.contains(where: hasValue)
        case .object(let members): members.values.contains(where: hasValue)
        default: true
        }
    }

    /// A flow that accepts every lead and keeps nothing of it: the trigger answers 2xx, so
    /// Microsoft counts each lead delivered, and every one is gone.
    func keepIssues(_ definition: JSONValue, actions: [ActionSite], document: FlowDocument) -> [FlowIssue] {
        let contents = parsedContents(actions)
        let kept = keptReads(actions)
        var keepsAny = false
        for payload in payloads {
            guard let keeps = keepsSomething(of: payload, reads: kept, contents: contents) else { return [] }
            if keeps {
                keepsAny = true
                break
            }
        }
        guard !keepsAny else { return [] }
        let unsent = Set(kept.compactMap { summarize($0, contents: contents)?.unsentKey }).sorted()
        let what: String
        if kept.isEmpty {
            what = "no action but a Response, Parse JSON or Terminate reads the lead"
        } else if !unsent.isEmpty {
            what =
                "its actions read only \(unsent.map { "'\($0)'" }.joined(separator: ", ")), which Microsoft never sends"
        } else {
            what = "nothing its actions read holds a value of the lead"
        }
        return [
            FlowIssue(
                code: .flowKeepsNothing, origin: document.origin,
                pointer: document.definitionPointer.appending("actions"),
                message:
                    "the flow accepts every lead and keeps nothing of it: \(what). The trigger still answers 2xx, so Microsoft counts each lead as delivered",
                hint:
                    """
                    Hand the lead to the action that stores it: triggerBody()?['userDetails']?['email'],\
                     ?['firstName'], ?['lastName'], ?['company'], …, triggerBody()?['leadSource'],\
                     ?['offerTitle'], ?['description'] — or the whole triggerBody().
                    """
            )
        ]
    }
}
