import Foundation
import LeadFlowFiles
import LeadModel

extension FlowChecker {
    /// The HTTP request trigger: who may call it, with which method, and Schema Validation.
    func triggerIssues(_ definition: JSONValue, document: FlowDocument) -> [FlowIssue] {
        let origin = document.origin
        let triggersPointer = document.definitionPointer.appending("triggers")
        let triggers = definition["triggers"]?.object ?? [:]
        let requests = triggers.keys.sorted().filter { triggers[$0]?["type"]?.string?.lowercased() == "request" }
        guard !requests.isEmpty else {
            return [
                FlowIssue(
                    code: .flowTrigger, origin: origin, pointer: triggersPointer,
                    message:
                        """
                        the flow has no HTTP request trigger (\"When a HTTP request is received\", type\
                         Request): Microsoft's connector can only POST a lead to one
                        """,
                    hint:
                        "Start the flow with the trigger \"When a HTTP request is received\" and give its URL to Partner Center."
                )
            ]
        }
        // Power Automate exports every manual trigger as type Request; only kind Http ("When a
        // HTTP request is received", or a Logic Apps Request trigger without a kind) has a URL
        // Microsoft's connector can POST to (docs/reference/flows.md §7).
        let http = requests.filter { (triggers[$0]?["kind"]?.string ?? "http").lowercased() == "http" }
        guard !http.isEmpty else {
            return requests.map { name in
                let kind = triggers[name]?["kind"]?.string ?? ""
                return FlowIssue(
                    code: .flowTrigger, origin: origin, pointer: triggersPointer.appending([name, "kind"]),
                    message:
                        """
                        the trigger '\(name)' is \(Self.describe(kind: kind)) (kind \(kind)): it has no URL\
                         Microsoft's connector can POST a lead to, so Partner Center cannot deliver to this\
                         flow
                        """,
                    hint:
                        """
                        Start the flow with the trigger \"When a HTTP request is received\" (type Request,\
                         kind Http), set \"Who can trigger the flow\" to \"Anyone\", and give its URL to\
                         Partner Center.
                        """
                )
            }
        }
        var issues: [FlowIssue] = []
        for name in http {
            guard let trigger = triggers[name] else { continue }
            let pointer = triggersPointer.appending(name)
            let inputs = trigger["inputs"]
            // docs/reference/flows.md §2: `triggerAuthenticationType` All | Tenant | User [3P]; the connector sends no token.
            if let auth = inputs?["triggerAuthenticationType"]?.string, ["tenant", "user"].contains(auth.lowercased()) {
                issues.append(
                    FlowIssue(
                        code: .flowTrigger, origin: origin,
                        pointer: pointer.appending(["inputs", "triggerAuthenticationType"]),
                        message:
                            """
                            the trigger accepts only callers signed in to your tenant\
                             (triggerAuthenticationType \(auth)): Microsoft's connector sends no token, so\
                             every lead is refused with 401 DirectApiAuthorizationRequired
                            """,
                        hint:
                            """
                            In the trigger, set \"Who can trigger the flow\" to \"Anyone\", save, and give\
                             Partner Center the new URL, which carries a signature parameter.
                            """
                    ))
            }
            if let method = inputs?["method"]?.string, method.uppercased() != "POST" {
                issues.append(
                    FlowIssue(
                        code: .flowTrigger, origin: origin, pointer: pointer.appending(["inputs", "method"]),
                        message:
                            "the trigger accepts only \(method.uppercased()) requests: Microsoft's connector POSTs every lead",
                        hint: "Set the trigger's method to POST (or leave it unset)."))
            }
            // docs/reference/flows.md §1: with "operationOptions": "EnableSchemaValidation" a body that does not
            // match the schema gets 400 TriggerInputSchemaMismatch [DOC, 3P].
            let options = (trigger["operationOptions"]?.string ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            if options.contains("enableschemavalidation"), let schema = inputs?["schema"] {
                issues += schemaIssues(
                    schema: schema, at: pointer.appending(["inputs", "schema"]), instance: { $0.body },
                    make: { violation, count, example in
                        FlowIssue(
                            code: .flowSchema, origin: origin, pointer: violation.schemaPointer,
                            message:
                                """
                                Schema Validation refuses \(share(count)) with 400\
                                 TriggerInputSchemaMismatch:\
                                 \(violation.message)\(violation.path.isEmpty ? "" : " (at \(violation.path))")
                                """,
                            hint: "Turn Schema Validation off in the trigger's settings, or fix the schema. "
                                + Self.schemaHint, example: example)
                    })
            }
        }
        return issues
    }

    /// What a manual trigger of `kind` is, in the designer's words.
    static func describe(kind: String) -> String {
        switch kind.lowercased() {
        case "button": "an instant flow's \"Manually trigger a flow\" button"
        case "powerapp", "powerappv2": "a Power Apps trigger, called only from a Power Apps app"
        case "apiconnection":
            "a connector's manual trigger (such as SharePoint \"For a selected item\"), started by hand in that product"
        case "": "a Request trigger of no known kind"
        default: "a manual trigger that is not \"When a HTTP request is received\""
        }
    }
}
