import Foundation
import LeadFlowFiles
import LeadModel

extension FlowChecker {
    /// Parse JSON actions whose content is a read of the lead, by action name: what
    /// `body('NAME')` evaluates to (the parsed content, once it validated).
    func parsedContents(_ actions: [ActionSite]) -> [String: PropertyRead] {
        var contents: [String: PropertyRead] = [:]
        for site in actions where site.type == "parsejson" {
            guard let content = site.value["inputs"]?["content"]?.string else { continue }
            let expressions = ExpressionScanner.expressions(in: content)
            guard expressions.count == 1, let expression = expressions.first else { continue }
            let reads = ExpressionScanner.reads(in: expression)
            guard reads.count == 1, let read = reads.first,
                read.text == expression.trimmingCharacters(in: .whitespaces)
            else { continue }
            contents[site.name] = read
        }
        return contents
    }

    /// Evaluates a read chain on one lead, as Logic Apps does (docs/reference/flows.md §3): `?` makes a step on
    /// a missing property or a null give null; without it, that fails the action
    /// (`InvalidTemplate`); names match case-insensitively unless told otherwise.
    func evaluate(_ read: PropertyRead, on payload: FlowPayload, contents: [String: PropertyRead], depth: Int = 0)
        -> ReadOutcome
    {
        var outcome = ReadOutcome()
        var current: JSONValue?
        switch read.base {
        case .trigger:
            current = payload.body
        case .action(let name):
            guard depth < 8, let content = contents[name] else {
                outcome.known = false
                return outcome
            }
            let inner = evaluate(content, on: payload, contents: contents, depth: depth + 1)
            guard inner.known, inner.failure == nil else {
                outcome.known = false
                return outcome
            }
            current = inner.value
        }
        for (index, step) in read.steps.enumerated() {
            guard let value = current, value != .null else {
                if step.safe { continue }
                outcome.failure =
                    "the value before ['\(step.key)'] is null, so the property cannot be selected (\"The provided value is of type 'Null'\")"
                return outcome
            }
            guard let members = value.object else {
                if step.safe {
                    current = nil
                    continue
                }
                outcome.failure = "['\(step.key)'] is read from a \(SchemaCheck.typeName(value)), not an object"
                return outcome
            }
            if let exact = members[step.key] {
                current = exact
                outcome.lookups.append((index, true, true))
                continue
            }
            let other = members.keys.sorted().first { $0.lowercased() == step.key.lowercased() }
            if let other { outcome.casings.append((index, other)) }
            outcome.lookups.append((index, false, other != nil))
            if let other, caseInsensitiveReads {
                current = members[other]
                continue
            }
            current = nil
            if step.safe { continue }
            outcome.failure =
                "property '\(step.key)' doesn't exist, available properties are '\(members.keys.sorted().joined(separator: ", "))'"
            return outcome
        }
        outcome.value = current
        return outcome
    }

    /// Every property read in the actions, at the pointer of the string that holds it.
    func readSites(_ definition: JSONValue, at pointer: JSONPointer) -> [(pointer: JSONPointer, read: PropertyRead)] {
        Self.reads(in: definition["actions"], at: pointer.appending("actions"))
    }

    /// Every property read in `value`'s strings, at the pointer of the string that holds it;
    /// `condition` when `value` is an If's `expression` itself.
    static func reads(in value: JSONValue?, at pointer: JSONPointer, condition: Bool = false) -> [(
        pointer: JSONPointer, read: PropertyRead
    )] {
        var sites: [(pointer: JSONPointer, read: PropertyRead)] = []
        func walk(_ value: JSONValue, _ here: JSONPointer, condition: Bool, operation: String?) {
            switch value {
            case .string(let text):
                var seen = Set<PropertyRead>()
                for expression in ExpressionScanner.expressions(in: text) {
                    for var read in ExpressionScanner.reads(in: expression) where seen.insert(read).inserted {
                        // An If's designer form (`{"contains": ["@triggerBody()?['x']", "y"]}`) hands its
                        // first operand to the operator as that function's first argument
                        // (docs/reference/flows.md §7), when the operand is the read alone.
                        if let operation, read.text == expression.trimmingCharacters(in: .whitespaces) {
                            read.argumentOf = operation
                        }
                        sites.append((here, read))
                    }
                }
            case .array(let items):
                for (index, item) in items.enumerated() {
                    walk(item, here.appending(index), condition: condition, operation: index == 0 ? operation : nil)
                }
            case .object(let members):
                let isIf = members["type"]?.string?.lowercased() == "if"
                // Inside a condition, a one-member object is an operator over its operand list.
                let operatorName = condition && members.count == 1 ? members.keys.first : nil
                for key in members.keys.sorted() {
                    guard let member = members[key] else { continue }
                    let inCondition = condition || (isIf && key == "expression")
                    let firstOperandOf: String? =
                        if let operatorName, case .array = member { operatorName } else { nil }
                    walk(member, here.appending(key), condition: inCondition, operation: firstOperandOf)
                }
            default:
                break
            }
        }
        if let value { walk(value, pointer, condition: condition, operation: nil) }
        return sites
    }

    /// What one read does to every lead shape: the first failure, the keys found only in another
    /// casing, and the keys no lead has; nil when leadcheck cannot evaluate it.
    struct ReadSummary {
        var failing = 0
        var example: (label: String, reason: String)?
        var validate: [String] = []
        var miscased: (written: String, sent: String)?
        var unsentKey: String?
    }

    func summarize(_ read: PropertyRead, contents: [String: PropertyRead]) -> ReadSummary? {
        var summary = ReadSummary()
        var casings: [Int: String] = [:]
        var found: [Int: Bool] = [:]
        var exact: [Int: Bool] = [:]
        for payload in payloads {
            let outcome = evaluate(read, on: payload, contents: contents)
            guard outcome.known else { return nil }
            for (step, sent) in outcome.casings { casings[step] = sent }
            for lookup in outcome.lookups {
                found[lookup.step] = (found[lookup.step] ?? false) || lookup.found
                exact[lookup.step] = (exact[lookup.step] ?? false) || (lookup.exact && !payload.isValidateLead)
            }
            if let failure = outcome.failure ?? nullArgumentFailure(read, outcome) {
                summary.failing += 1
                if summary.example == nil { summary.example = (payload.label, failure) }
                if payload.isValidateLead { summary.validate.append(payload.label) }
            }
        }
        // A key is miscased when no real lead has it as written (Microsoft's Validate lead
        // keeps PascalCase members whatever real leads use, so it does not count).
        let miscased = casings.keys.sorted().filter { exact[$0] == false }
        if !miscased.isEmpty {
            summary.miscased = (
                miscased.map { "'\(read.steps[$0].key)'" }.joined(separator: ", "),
                miscased.compactMap { casings[$0].map { "'\($0)'" } }.joined(separator: ", ")
            )
        }
        summary.unsentKey = found.keys.sorted().first { found[$0] == false }.map { read.steps[$0].key }
        return summary
    }

    /// A read that gives null handed straight to a function that refuses null (the functions
    /// reference; docs/reference/flows.md §7): the action fails `InvalidTemplate`.
    func nullArgumentFailure(_ read: PropertyRead, _ outcome: ReadOutcome) -> String? {
        guard outcome.failure == nil, outcome.value == nil || outcome.value == .null,
            let function = read.argumentOf, let expected = Self.nullRefusing[function.lowercased()]
        else { return nil }
        return
            """
            the value is null here and the template language function '\(function)' expects its parameter to\
             be \(expected) (\"The provided value is of type 'Null'\"); wrap the read in coalesce(…, '')
            """
    }

    /// Reads that fail on real leads, and reads of keys in a casing (or under a name) Microsoft
    /// does not send: one finding per place in the file, with the strongest reason (a failure
    /// beats a casing, which beats a key no lead has).
    func readIssues(_ definition: JSONValue, actions: [ActionSite], document: FlowDocument) -> [FlowIssue] {
        let contents = parsedContents(actions)
        var order: [JSONPointer] = []
        var byPointer: [JSONPointer: [(read: PropertyRead, summary: ReadSummary)]] = [:]
        for (pointer, read) in readSites(definition, at: document.definitionPointer) {
            guard let summary = summarize(read, contents: contents) else { continue }
            if byPointer[pointer] == nil { order.append(pointer) }
            byPointer[pointer, default: []].append((read, summary))
        }
        var issues: [FlowIssue] = []
        for pointer in order {
            let reads = byPointer[pointer] ?? []
            if let (read, summary) = reads.first(where: { $0.summary.example != nil }), let example = summary.example {
                issues.append(
                    FlowIssue(
                        code: .flowExpression, origin: document.origin, pointer: pointer,
                        message:
                            "`\(read.text)` fails the action on \(share(summary.failing)) (InvalidTemplate): \(example.reason)",
                        hint:
                            """
                            Read lead fields with `?` at every step\
                             (triggerBody()?['userDetails']?['phone']), and wrap them in coalesce(…, '')\
                             where a function needs a value: Microsoft leaves out customer fields it does not\
                             have (and every personal field of .edu leads).
                            """,
                        example: example.label + Self.validateNote(summary.validate)))
            } else if let (read, summary) = reads.first(where: { $0.summary.miscased != nil }),
                let casing = summary.miscased
            {
                issues.append(
                    FlowIssue(
                        code: .flowKeyCasing, severity: caseInsensitiveReads ? .warning : .error,
                        origin: document.origin, pointer: pointer,
                        message: caseInsensitiveReads
                            ? """
                            `\(read.text)` reads \(casing.written); Microsoft sends \(casing.sent). Logic\
                             Apps matches property names case-insensitively in expressions (a third-party\
                             finding: the IllogicApps emulator, written by testing real workflows), so this\
                             works, but a schema's `required` list and conditions comparing keys do not
                            """
                            : "`\(read.text)` reads \(casing.written); Microsoft sends \(casing.sent), and with case-sensitive reads the value is always empty",
                        hint: "Spell the keys as Microsoft sends them: \(casing.sent)."))
            } else {
                let unsent = reads.compactMap { entry in entry.summary.unsentKey.map { (entry.read, $0) } }
                guard !unsent.isEmpty else { continue }
                let described = unsent.map { "`\($0.0.text)` reads '\($0.1)'" }.joined(separator: "; ")
                issues.append(
                    FlowIssue(
                        code: .flowKeyUnsent, severity: .warning, origin: document.origin, pointer: pointer,
                        message: "\(described), which no lead Microsoft sends has: the value is always empty",
                        hint:
                            """
                            Microsoft sends userDetails (firstName, lastName, email, phone, country, company,\
                             title), leadSource, actionCode, offerTitle and description: read one of these.
                            """
                    ))
            }
        }
        return issues
    }
}
