import LeadFlowFiles
import LeadModel

/// The static check of a flow behind an HTTPS endpoint: evaluates the definition against every
/// shape of lead Microsoft sends and reports what would refuse, fail or blank a real lead, each
/// at a JSON pointer with the fix (docs/reference/flows.md §1–§3).
public struct FlowChecker: Sendable {
    /// The bodies the check runs the definition against.
    public let payloads: [FlowPayload]
    /// Whether expressions read property names case-insensitively: the [3P] emulator
    /// (ScoreUnder/IllogicApps, built by testing real workflows) found Logic Apps does; no
    /// first-party statement exists (docs/reference/flows.md §3, [NOT FOUND]), so it can be turned off.
    public let caseInsensitiveReads: Bool

    /// Creates a checker.
    public init(payloads: [FlowPayload] = FlowPayload.microsoft(), caseInsensitiveReads: Bool = true) {
        self.payloads = payloads
        self.caseInsensitiveReads = caseInsensitiveReads
    }

    /// Everything found in one definition, errors first.
    public func check(_ document: FlowDocument) -> [FlowIssue] {
        let definition = document.definition
        let actions = ActionSite.all(in: definition["actions"], at: document.definitionPointer.appending("actions"))
        var issues = triggerIssues(definition, document: document)
        issues += parseJSONIssues(actions, document: document)
        issues += readIssues(definition, actions: actions, document: document)
        // Whether the flow keeps the lead matters only if a lead can reach it at all.
        if Self.hasHTTPTrigger(definition) { issues += keepIssues(definition, actions: actions, document: document) }
        issues += responseIssues(definition, actions: actions, document: document)
        return issues.enumerated().sorted {
            ($0.element.severity == .error ? 0 : 1, $0.offset) < ($1.element.severity == .error ? 0 : 1, $1.offset)
        }.map(\.element)
    }

    /// Whether the definition has a trigger Microsoft's connector could call: type Request, kind
    /// Http or none (docs/reference/flows.md §7).
    static func hasHTTPTrigger(_ definition: JSONValue) -> Bool {
        (definition["triggers"]?.object ?? [:]).values.contains {
            $0["type"]?.string?.lowercased() == "request" && ($0["kind"]?.string ?? "http").lowercased() == "http"
        }
    }

    /// Everything found in several definitions (a solution holds many).
    public func check(_ documents: [FlowDocument]) -> [FlowIssue] { documents.flatMap(check) }

    /// Functions that fail the action when their first argument is null, by lowercased name,
    /// with what they expect (docs/reference/flows.md §7, "Functions and null"): captured
    /// InvalidTemplate texts [3P] for length, split, indexOf, contains, replace and join; the
    /// IllogicApps emulator [code] for the rest. Microsoft may leave out any customer field and
    /// strips .edu leads' personal data, so a lead field handed to one of them without coalesce
    /// fails the run for such leads.
    static let nullRefusing: [String: String] = [
        "length": "an array or a string", "split": "a string", "indexof": "a string",
        "contains": "a collection or a string",
        "replace": "a string", "join": "an array", "tolower": "a string", "toupper": "a string", "trim": "a string",
        "substring": "a string", "lastindexof": "a string", "startswith": "a string", "endswith": "a string",
        "first": "a collection or a string", "last": "a collection or a string", "int": "a string or a number",
        "float": "a string or a number", "base64": "a string", "formatdatetime": "a string",
    ]

    /// The fix shared by every schema finding.
    static let schemaHint = """
        Microsoft sends camelCase keys (userDetails.firstName, leadSource, actionCode, offerTitle, description) and leaves out \
        customer fields it does not have: take the customer fields (or the PascalCase keys) out of `required`, and give each \
        customer field "type": ["string", "null"].
        """

    /// Runs `schema` over every payload's `instance` and reports each failed schema keyword once,
    /// with how many leads fail it.
    func schemaIssues(
        schema: JSONValue, at pointer: JSONPointer, instance: (FlowPayload) -> JSONValue?,
        make: (_ violation: SchemaViolation, _ failing: Int, _ example: String) -> FlowIssue
    ) -> [FlowIssue] {
        var order: [JSONPointer] = []
        var seen: [JSONPointer: (violation: SchemaViolation, count: Int, example: String, validate: [String])] = [:]
        for payload in payloads {
            guard let value = instance(payload),
                let violation = SchemaCheck.violation(of: value, schema: schema, at: pointer)
            else { continue }
            if seen[violation.schemaPointer] == nil {
                order.append(violation.schemaPointer)
                seen[violation.schemaPointer] = (violation, 0, payload.label, [])
            }
            seen[violation.schemaPointer]?.count += 1
            if payload.isValidateLead { seen[violation.schemaPointer]?.validate.append(payload.label) }
        }
        return order.compactMap {
            seen[$0].map { make($0.violation, $0.count, $0.example + Self.validateNote($0.validate)) }
        }
    }

    /// Which shapes of Microsoft's Validate lead fail too, for the example: the evidence shows
    /// two (docs/reference/flows.md §7), so a report says which one breaks.
    static func validateNote(_ failing: [String]) -> String {
        failing.isEmpty ? "" : "; Microsoft's Validate lead fails too: " + failing.joined(separator: "; ")
    }

    /// "12 of 40 leads", for messages.
    func share(_ count: Int) -> String {
        count == payloads.count
            ? "every lead Microsoft sends" : "\(count) of the \(payloads.count) lead shapes Microsoft sends"
    }
}
