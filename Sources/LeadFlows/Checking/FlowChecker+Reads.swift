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
                  read.text == expression.trimmingCharacters(in: .whitespaces) else { continue }
            contents[site.name] = read
        }
        return contents
    }

    /// Evaluates a read chain on one lead, as Logic Apps does (docs/reference/flows.md §3): `?` makes a step on
    /// a missing property or a null give null; without it, that fails the action
    /// (`InvalidTemplate`); names match case-insensitively unless told otherwise.
    func evaluate(_ read: PropertyRead, on payload: FlowPayload, contents: [String: PropertyRead], depth: Int = 0) -> ReadOutcome {
        var outcome = ReadOutcome()
        var current: JSONValue?
        switch read.base {
        case .trigger:
            current = payload.body
        case let .action(name):
            guard depth < 8, let content = contents[name] else { outcome.known = false; return outcome }
            let inner = evaluate(content, on: payload, contents: contents, depth: depth + 1)
            guard inner.known, inner.failure == nil else { outcome.known = false; return outcome }
            current = inner.value
        }
        for (index, step) in read.steps.enumerated() {
            guard let value = current, value != .null else {
                if step.safe { continue }
                outcome.failure = "the value before ['\(step.key)'] is null, so the property cannot be selected (\"The provided value is of type 'Null'\")"
                return outcome
            }
            guard let members = value.object else {
                if step.safe { current = nil; continue }
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
            outcome.failure = "property '\(step.key)' doesn't exist, available properties are '\(members.keys.sorted().joined(separator: ", "))'"
            return outcome
        }
        outcome.value = current
        return outcome
    }

    /// Every property read in the actions, at the pointer of the string that holds it.
    func readSites(_ definition: JSONValue, at pointer: JSONPointer) -> [(pointer: JSONPointer, read: PropertyRead)] {
        var sites: [(pointer: JSONPointer, read: PropertyRead)] = []
        func walk(_ value: JSONValue, _ here: JSONPointer) {
            switch value {
            case let .string(text):
                var seen = Set<PropertyRead>()
                for expression in ExpressionScanner.expressions(in: text) {
                    for read in ExpressionScanner.reads(in: expression) where seen.insert(read).inserted { sites.append((here, read)) }
                }
            case let .array(items):
                for (index, item) in items.enumerated() { walk(item, here.appending(index)) }
            case let .object(members):
                for key in members.keys.sorted() { if let member = members[key] { walk(member, here.appending(key)) } }
            default:
                break
            }
        }
        if let actions = definition["actions"] { walk(actions, pointer.appending("actions")) }
        return sites
    }

    /// Reads that fail on real leads, and reads of keys in a casing (or under a name) Microsoft
    /// does not send.
    func readIssues(_ definition: JSONValue, actions: [ActionSite], document: FlowDocument) -> [FlowIssue] {
        let contents = parsedContents(actions)
        var issues: [FlowIssue] = []
        for (pointer, read) in readSites(definition, at: document.definitionPointer) {
            var failing = 0
            var example: (label: String, reason: String)?
            var casings: [Int: String] = [:]
            var found: [Int: Bool] = [:], exact: [Int: Bool] = [:]
            var known = true
            for payload in payloads {
                let outcome = evaluate(read, on: payload, contents: contents)
                guard outcome.known else { known = false; break }
                for (step, sent) in outcome.casings { casings[step] = sent }
                for lookup in outcome.lookups {
                    found[lookup.step] = (found[lookup.step] ?? false) || lookup.found
                    exact[lookup.step] = (exact[lookup.step] ?? false) || (lookup.exact && !payload.isValidateLead)
                }
                if let failure = outcome.failure {
                    failing += 1
                    if example == nil { example = (payload.label, failure) }
                }
            }
            guard known else { continue }
            if let example {
                issues.append(FlowIssue(
                    code: .flowExpression, origin: document.origin, pointer: pointer,
                    message: "`\(read.text)` fails the action on \(share(failing)) (InvalidTemplate): \(example.reason)",
                    hint: "Read lead fields with `?` at every step (triggerBody()?['userDetails']?['phone']), and wrap them in coalesce(…, '') where a value is required: Microsoft leaves out customer fields it does not have.",
                    example: example.label))
            }
            // A key is miscased when no real lead has it as written (Microsoft's Validate lead
            // keeps PascalCase members whatever real leads use, so it does not count).
            let miscased = casings.keys.sorted().filter { exact[$0] == false }
            if !miscased.isEmpty {
                let steps = miscased
                let written = steps.map { "'\(read.steps[$0].key)'" }.joined(separator: ", ")
                let sent = steps.compactMap { casings[$0].map { "'\($0)'" } }.joined(separator: ", ")
                issues.append(FlowIssue(
                    code: .flowKeyCasing, severity: caseInsensitiveReads ? .warning : .error, origin: document.origin, pointer: pointer,
                    message: caseInsensitiveReads
                        ? "`\(read.text)` reads \(written); Microsoft sends \(sent). Logic Apps matches property names case-insensitively in expressions (a third-party finding: the IllogicApps emulator, written by testing real workflows), so this works, but a schema's `required` list and conditions comparing keys do not"
                        : "`\(read.text)` reads \(written); Microsoft sends \(sent), and with case-sensitive reads the value is always empty",
                    hint: "Spell the keys as Microsoft sends them: \(sent)."))
            }
            let unsent = found.keys.sorted().filter { found[$0] == false }
            if let step = unsent.first {
                issues.append(FlowIssue(
                    code: .flowKeyUnsent, severity: .warning, origin: document.origin, pointer: pointer,
                    message: "`\(read.text)` reads '\(read.steps[step].key)', which no lead Microsoft sends has: the value is always empty",
                    hint: "Microsoft sends userDetails (firstName, lastName, email, phone, country, company, title), leadSource, actionCode, offerTitle and description: read one of these."))
            }
        }
        return issues
    }
}
