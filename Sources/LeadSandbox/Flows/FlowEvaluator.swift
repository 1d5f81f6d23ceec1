import Foundation

/// Evaluates WDL expressions and templates against one run's state: the trigger's body and
/// headers, action outputs, variables, loop items. Property reads are case-insensitive unless
/// `caseInsensitiveReads` is off (docs/reference/flows.md §3, [3P] IllogicApps `tryFindCaseInsensitive`); a
/// missing or null property read without `?` fails with the `InvalidTemplate` reasons docs/reference/flows.md
/// §3 quotes.
struct FlowEvaluator: Sendable {
    var triggerBody: SandboxJSON
    var triggerHeaders: [String: SandboxJSON]
    var parameters: [String: SandboxJSON]
    var caseInsensitiveReads: Bool
    /// Action outputs by action name (`outputs('A')`), and their bodies with the lead path each
    /// one carries (`body('A')`, which the functions reference defines as
    /// `actions('A').outputs.body`).
    var outputs: [String: SandboxJSON] = [:]
    var bodies: [String: FlowValue] = [:]
    var variables: [String: SandboxJSON] = [:]
    /// The current item of each running `Foreach`, innermost last.
    var items: [(loop: String, item: SandboxJSON)] = []
    /// Every lead property the flow read, in order: its path and value.
    private(set) var reads: [(path: [String], value: SandboxJSON)] = []

    /// Evaluates every template in `json` (keys are kept); `skipping` names members left as they
    /// are (an ApiConnection's `host`, resolved by the platform, not the run).
    mutating func evaluate(_ json: SandboxJSON, skipping: Set<String> = []) throws(FlowTemplateError) -> FlowValue {
        switch json {
        case .string(let text): return try evaluate(template: text)
        case .array(let elements):
            var out: [SandboxJSON] = []
            for element in elements { out.append(try evaluate(element).json) }
            return FlowValue(.array(out))
        case .object(let members):
            var out: [String: SandboxJSON] = [:]
            for (key, value) in members { out[key] = skipping.contains(key) ? value : try evaluate(value).json }
            return FlowValue(.object(out))
        default: return FlowValue(json)
        }
    }

    /// One definition string: plain text, a whole expression, or text with `@{…}` parts.
    mutating func evaluate(template text: String) throws(FlowTemplateError) -> FlowValue {
        switch try FlowTemplate.parse(text) {
        case .text(let plain): return FlowValue(.string(plain))
        case .expression(let expression, let source): return try evaluate(expression, source: source)
        case .interpolation(let parts):
            var out = ""
            for part in parts {
                switch part {
                case .text(let plain): out += plain
                case .expression(let expression, let source):
                    out += try evaluate(expression, source: source).json.interpolated
                }
            }
            return FlowValue(.string(out))
        }
    }

    /// How many reads have been recorded, to forget those an action keeps nothing of.
    var readCount: Int { reads.count }

    /// Forgets the reads since `mark`: an action that keeps nothing of them (a Response, Parse
    /// JSON, a condition) read them.
    mutating func forgetReads(since mark: Int) {
        if reads.count > mark { reads.removeLast(reads.count - mark) }
    }

    /// A top-level expression; failures carry Logic Apps' wording around their reason. A value of
    /// the lead used whole (`@triggerBody()`, `@body('Parse_JSON')?['userDetails']`) counts as read.
    mutating func evaluate(_ expression: FlowExpression, source: String) throws(FlowTemplateError) -> FlowValue {
        let before = reads.count
        do {
            let result = try value(expression)
            if let path = result.lead { reads.append((path, result.json)) }
            return result
        } catch {
            // An expression that fails stores nothing of what it read on the way.
            reads.removeLast(reads.count - before)
            throw FlowTemplateError(
                """
                The template language expression '\(source)' cannot be evaluated because \(error.message)\
                 Please see https://aka.ms/logicexpressions for usage details.
                """
            )
        }
    }

    private mutating func value(_ expression: FlowExpression) throws(FlowTemplateError) -> FlowValue {
        switch expression {
        case .literal(let json): return FlowValue(json)
        case .member(let base, let key, let optional):
            return try member(try value(base), key: try value(key).json, optional: optional)
        case .call(let name, let arguments): return try call(name, arguments)
        }
    }

    private mutating func member(_ base: FlowValue, key: SandboxJSON, optional: Bool) throws(FlowTemplateError)
        -> FlowValue
    {
        let name = key.interpolated
        if let action = base.outputsOf, name.lowercased() == "body" {
            return action == "manual"
                ? FlowValue(triggerBody, lead: []) : (bodies[action] ?? FlowValue(base.json["body"] ?? .null))
        }
        let path = base.lead.map { $0 + [name] }
        func read(_ json: SandboxJSON) -> FlowValue {
            if let path { reads.append((path, json)) }
            return FlowValue(json, lead: path)
        }
        switch base.json {
        case .object(let members):
            if let found = members[name]
                ?? (caseInsensitiveReads
                    ? members.first(where: { $0.key.lowercased() == name.lowercased() })?.value : nil)
            {
                return read(found)
            }
            if optional { return read(.null) }
            throw FlowTemplateError(
                "property '\(name)' doesn't exist, available properties are '\(members.keys.sorted().joined(separator: ", "))'."
            )
        case .array(let elements):
            if case .number(let number) = key, let index = Int(exactly: number), elements.indices.contains(index) {
                return read(elements[index])
            }
            if optional { return read(.null) }
            throw FlowTemplateError("array index '\(name)' is outside bounds (0, \(elements.count - 1)) of array.")
        case .null:
            if optional { return read(.null) }
            throw FlowTemplateError("property '\(name)' cannot be selected. The provided value is of type 'Null'.")
        default:
            if optional { return read(.null) }
            throw FlowTemplateError(
                "property '\(name)' cannot be selected. Property selection is not supported on values of type '\(base.json.typeName)'."
            )
        }
    }

    private mutating func call(_ name: String, _ arguments: [FlowExpression]) throws(FlowTemplateError) -> FlowValue {
        let function = name.lowercased()
        // Functions that keep the lead path of what they return.
        switch function {
        case "triggerbody": return FlowValue(triggerBody, lead: [])
        case "triggeroutputs":
            return FlowValue(.object(["headers": .object(triggerHeaders), "body": triggerBody]), outputsOf: "manual")
        case "body", "outputs":
            let action = try value(arguments.first ?? .literal(.string(""))).json.interpolated
            if action == "manual" || action.isEmpty {
                return function == "body"
                    ? FlowValue(triggerBody, lead: [])
                    : FlowValue(
                        .object(["headers": .object(triggerHeaders), "body": triggerBody]), outputsOf: "manual")
            }
            guard let output = outputs[action] else {
                throw FlowTemplateError(
                    "the action '\(action)' has no outputs in this run (it did not run, or no such action exists).")
            }
            // The functions reference: body('A') is actions('A').outputs.body.
            return function == "body"
                ? (bodies[action] ?? FlowValue(output["body"] ?? .null)) : FlowValue(output, outputsOf: action)
        case "coalesce":
            for argument in arguments {
                let evaluated = try value(argument)
                if evaluated.json != .null { return evaluated }
            }
            return FlowValue(.null)
        case "if":
            guard arguments.count == 3 else { throw FlowTemplateError("the function 'if' expects three parameters.") }
            return try value(arguments[0]).json.truthy ? try value(arguments[1]) : try value(arguments[2])
        default: break
        }
        var values: [SandboxJSON] = []
        for argument in arguments { values.append(try value(argument).json) }
        return FlowValue(try Self.apply(function, values, state: self))
    }

    /// Functions that fail when their first argument is null, with what they expect
    /// (docs/reference/flows.md §7, "Functions and null": captured InvalidTemplate texts for
    /// length, split, indexOf, contains, replace, join [3P]; the IllogicApps emulator for the rest
    /// [code]). `concat`, `coalesce`, `string`, `empty` and `equals` take null.
    static let refusingNull: [String: (name: String, expects: String)] = [
        "length": ("length", "an array or a string"), "split": ("split", "a string"),
        "indexof": ("indexOf", "a string"),
        "contains": ("contains", "a collection or a string"), "replace": ("replace", "a string"),
        "join": ("join", "an array"),
        "tolower": ("toLower", "a string"), "toupper": ("toUpper", "a string"), "trim": ("trim", "a string"),
        "substring": ("substring", "a string"), "lastindexof": ("lastIndexOf", "a string"),
        "startswith": ("startsWith", "a string"),
        "endswith": ("endsWith", "a string"), "first": ("first", "a collection or a string"),
        "last": ("last", "a collection or a string"),
        "int": ("int", "a string or a number"), "float": ("float", "a string or a number"),
        "base64": ("base64", "a string"),
        "formatdatetime": ("formatDateTime", "a string"),
    ]

    /// The functions without lead paths: pure over their arguments (and the run's variables,
    /// items, parameters). Functions the sandbox does not know return null rather than failing
    /// a run that would succeed in Logic Apps.
    private static func apply(_ function: String, _ values: [SandboxJSON], state: FlowEvaluator)
        throws(FlowTemplateError) -> SandboxJSON
    {
        if let refusing = refusingNull[function], values.first == nil || values.first == .null {
            // The captured wording (SupportArticles-docs getting-errors-null-fields.md; 3P captures).
            throw FlowTemplateError(
                "the template language function '\(refusing.name)' expects its parameter to be \(refusing.expects). The provided value is of type 'Null'."
            )
        }
        func text(_ index: Int) -> String { values.indices.contains(index) ? values[index].interpolated : "" }
        func number(_ index: Int) -> Double {
            guard values.indices.contains(index) else { return 0 }
            if case .number(let value) = values[index] { return value }
            return Double(values[index].interpolated) ?? 0
        }
        switch function {
        case "item": return state.items.last?.item ?? .null
        case "items": return state.items.last(where: { $0.loop == text(0) })?.item ?? .null
        case "variables": return state.variables[text(0)] ?? .null
        case "parameters": return state.parameters[text(0)] ?? .null
        case "concat": return .string(values.map(\.interpolated).joined())
        case "string": return .string(text(0))
        case "tolower": return .string(text(0).lowercased())
        case "toupper": return .string(text(0).uppercased())
        case "trim": return .string(text(0).trimmingCharacters(in: .whitespacesAndNewlines))
        case "replace": return .string(text(0).replacingOccurrences(of: text(1), with: text(2)))
        case "substring":
            // azure-docs workflow-definition-language-functions-reference.md: a start and length
            // past the end is an error, "unlike similar functions in other languages".
            let characters = Array(text(0))
            let start = Int(exactly: number(1).rounded(.towardZero)) ?? -1
            let length =
                values.count > 2 ? Int(exactly: number(2).rounded(.towardZero)) ?? -1 : characters.count - start
            guard start >= 0, length >= 0, start <= characters.count - length else {
                throw FlowTemplateError(
                    "the template function 'substring' was given start \(text(1)) and length \(text(2)) for a string of \(characters.count) characters."
                )
            }
            return .string(String(characters[start..<(start + length)]))
        case "split": return .array(text(0).components(separatedBy: text(1)).map { .string($0) })
        case "join": return .string((values.first?.array ?? []).map(\.interpolated).joined(separator: text(1)))
        case "length":
            switch values.first {
            case .array(let elements)?: return .number(Double(elements.count))
            case .object(let members)?: return .number(Double(members.count))
            default: return .number(Double(text(0).count))
            }
        case "empty":
            switch values.first ?? .null {
            case .null: return .bool(true)
            case .string(let value): return .bool(value.isEmpty)
            case .array(let value): return .bool(value.isEmpty)
            case .object(let value): return .bool(value.isEmpty)
            default: return .bool(false)
            }
        case "equals":
            // The functions reference: "If you use logical functions or conditions to compare
            // values, null values are converted to empty string" values; otherwise an exact match.
            // Its example: equals(true, 1) is true.
            func compared(_ value: SandboxJSON) -> SandboxJSON {
                switch value {
                case .null: .string("")
                case .bool(let flag): .number(flag ? 1 : 0)
                default: value
                }
            }
            return .bool(values.count == 2 && compared(values[0]) == compared(values[1]))
        case "not": return .bool(!(values.first?.truthy ?? false))
        case "and": return .bool(values.allSatisfy(\.truthy))
        case "or": return .bool(values.contains(where: \.truthy))
        // The functions reference: contains "is case-sensitive"; startsWith and endsWith "aren't".
        case "contains":
            switch values.first {
            case .array(let elements)?: return .bool(values.count > 1 && elements.contains(values[1]))
            case .object(let members)?: return .bool(members[text(1)] != nil)
            default: return .bool(text(0).contains(text(1)))
            }
        case "startswith": return .bool(text(0).lowercased().hasPrefix(text(1).lowercased()))
        case "endswith": return .bool(text(0).lowercased().hasSuffix(text(1).lowercased()))
        case "greater": return .bool(number(0) > number(1))
        case "less": return .bool(number(0) < number(1))
        case "greaterorequals": return .bool(number(0) >= number(1))
        case "lessorequals": return .bool(number(0) <= number(1))
        case "int": return .number(number(0).rounded(.towardZero))
        case "float": return .number(number(0))
        case "bool":
            // The functions reference: bool(1) is true, bool(0) false; 'true'/'false' as text.
            switch values.first ?? .null {
            case .bool(let value): return .bool(value)
            case .number(let value): return .bool(value != 0)
            case .string(let value) where ["true", "false"].contains(value.lowercased()):
                return .bool(value.lowercased() == "true")
            default:
                throw FlowTemplateError(
                    "the template language function 'bool' was given a value it cannot convert to a Boolean.")
            }
        case "guid": return .string(UUID().uuidString.lowercased())
        case "utcnow": return .string(ISO8601DateFormatter().string(from: Date()))
        case "json":
            guard let parsed = SandboxJSON.parse(Array(text(0).utf8)) else {
                throw FlowTemplateError("the template function 'json' was given text that is not valid JSON.")
            }
            return parsed
        case "createarray": return .array(values)
        case "first": return values.first?.array?.first ?? (text(0).first.map { .string(String($0)) } ?? .null)
        case "last": return values.first?.array?.last ?? (text(0).last.map { .string(String($0)) } ?? .null)
        case "encodeuricomponent":
            return .string(text(0).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text(0))
        case "formatdatetime", "decodeuricomponent":
            return .string(function == "decodeuricomponent" ? (text(0).removingPercentEncoding ?? text(0)) : text(0))
        default: return .null
        }
    }
}
