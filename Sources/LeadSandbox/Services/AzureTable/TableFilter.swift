import Foundation

/// The OData `$filter` subset the Table service supports (docs/reference/azure-table.md §4): comparisons
/// `eq ne gt ge lt le` between a property and a literal, combined with `and`, `or`, `not` and
/// parentheses. Literals: `'text'` (with `''` for a quote), `datetime'…'`, `guid'…'`, integers
/// (with `L` for Int64), doubles, `true`/`false`. At most 15 comparisons, like the service.
indirect enum TableFilter: Sendable {
    case comparison(property: String, op: String, literal: Literal)
    case and(TableFilter, TableFilter)
    case or(TableFilter, TableFilter)
    case not(TableFilter)

    enum Literal: Sendable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case dateTime(String)
        case guid(String)

        /// The literal with string text lowercased, for case-insensitive comparison.
        var lowercased: Literal {
            if case .string(let text) = self { return .string(text.lowercased()) }
            return self
        }
    }

    struct ParseError: Error { let message: String }

    /// Parses a filter; `functions` admits Dataverse's `startswith`, `endswith` and `contains`
    /// (the Table service has none). `maxComparisons` is the Table service's 15; Dataverse
    /// documents no such limit (inferred: none), so it passes nil.
    static func parse(_ text: String, functions: Bool = false, maxComparisons: Int? = 15) throws -> TableFilter {
        var parser = Parser(tokens: try tokenize(text), functions: functions)
        let filter = try parser.parseOr()
        guard parser.index == parser.tokens.count else {
            throw ParseError(message: "unexpected '\(parser.tokens[parser.index])'")
        }
        if let maxComparisons, parser.comparisons > maxComparisons {
            throw ParseError(message: "more than \(maxComparisons) discrete comparisons")
        }
        return filter
    }

    /// Every property the filter names.
    var properties: [String] {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.properties + b.properties
        case .not(let a): a.properties
        case .comparison(let property, _, _): [property]
        }
    }

    /// Whether an entity (property name → JSON value, plus type annotations) matches. The Table
    /// service compares strings ordinally; Dataverse case-insensitively.
    func matches(_ entity: [String: SandboxJSON], caseInsensitive: Bool = false) -> Bool {
        switch self {
        case .and(let a, let b):
            return a.matches(entity, caseInsensitive: caseInsensitive)
                && b.matches(entity, caseInsensitive: caseInsensitive)
        case .or(let a, let b):
            return a.matches(entity, caseInsensitive: caseInsensitive)
                || b.matches(entity, caseInsensitive: caseInsensitive)
        case .not(let a): return !a.matches(entity, caseInsensitive: caseInsensitive)
        case .comparison(let property, let op, let literal):
            guard let raw = entity[property], !raw.isNull else { return false }
            let value = caseInsensitive ? (raw.string.map { SandboxJSON.string($0.lowercased()) } ?? raw) : raw
            let literal: Literal = caseInsensitive ? literal.lowercased : literal
            let order: ComparisonResult?
            switch literal {
            case .string(let s), .dateTime(let s), .guid(let s):
                guard let stored = value.string else { return false }
                if case .dateTime = literal {
                    order = Self.compareDates(stored, s)
                } else {
                    order =
                        stored == s
                        ? .orderedSame
                        : (stored.utf16.lexicographicallyPrecedes(s.utf16) ? .orderedAscending : .orderedDescending)
                }
            case .number(let n):
                guard let stored = value.number ?? value.string.flatMap(Double.init) else { return false }
                order = stored == n ? .orderedSame : (stored < n ? .orderedAscending : .orderedDescending)
            case .bool(let b):
                guard let stored = value.bool else { return false }
                order = stored == b ? .orderedSame : (stored ? .orderedDescending : .orderedAscending)
            }
            if case .string(let wanted) = literal, ["startswith", "endswith", "contains"].contains(op) {
                guard let stored = value.string else { return false }
                return op == "startswith"
                    ? stored.hasPrefix(wanted) : op == "endswith" ? stored.hasSuffix(wanted) : stored.contains(wanted)
            }
            guard let order else { return false }
            switch op {
            case "eq": return order == .orderedSame
            case "ne": return order != .orderedSame
            case "gt": return order == .orderedDescending
            case "ge": return order != .orderedAscending
            case "lt": return order == .orderedAscending
            case "le": return order != .orderedDescending
            default: return false
            }
        }
    }

    static func compareDates(_ a: String, _ b: String) -> ComparisonResult? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        func parse(_ s: String) -> Date? { formatter.date(from: s) ?? plain.date(from: s) }
        guard let x = parse(a), let y = parse(b) else { return nil }
        return x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
    }

    enum Token: Equatable, CustomStringConvertible {
        case word(String)
        case literal(String, prefix: String)
        case open, close, comma
        var description: String {
            switch self {
            case .word(let w): w
            case .literal(let l, let p): "\(p)'\(l)'"
            case .open: "("
            case .close: ")"
            case .comma: ","
            }
        }
    }

    static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        var chars = Array(text)[...]
        while let c = chars.first {
            if c == " " || c == "\t" {
                chars.removeFirst()
                continue
            }
            if c == "(" {
                tokens.append(.open)
                chars.removeFirst()
                continue
            }
            if c == ")" {
                tokens.append(.close)
                chars.removeFirst()
                continue
            }
            if c == "," {
                tokens.append(.comma)
                chars.removeFirst()
                continue
            }
            var word = ""
            while let d = chars.first, d != " ", d != "(", d != ")", d != "'", d != "," {
                word.append(d)
                chars.removeFirst()
            }
            if chars.first == "'" {
                chars.removeFirst()
                var literal = ""
                var closed = false
                while let d = chars.first {
                    chars.removeFirst()
                    if d == "'" {
                        if chars.first == "'" {
                            literal.append("'")
                            chars.removeFirst()
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        literal.append(d)
                    }
                }
                guard closed else { throw ParseError(message: "unterminated string literal") }
                tokens.append(.literal(literal, prefix: word))
            } else if !word.isEmpty {
                tokens.append(.word(word))
            } else {
                throw ParseError(message: "unexpected character")
            }
        }
        return tokens
    }

    struct Parser {
        let tokens: [Token]
        let functions: Bool
        var index = 0
        var comparisons = 0

        mutating func parseOr() throws -> TableFilter {
            var left = try parseAnd()
            while index < tokens.count, tokens[index] == .word("or") {
                index += 1
                left = .or(left, try parseAnd())
            }
            return left
        }

        mutating func parseAnd() throws -> TableFilter {
            var left = try parseUnary()
            while index < tokens.count, tokens[index] == .word("and") {
                index += 1
                left = .and(left, try parseUnary())
            }
            return left
        }

        mutating func parseUnary() throws -> TableFilter {
            guard index < tokens.count else { throw ParseError(message: "expression ends early") }
            if tokens[index] == .word("not") {
                index += 1
                return .not(try parseUnary())
            }
            if functions, index + 5 < tokens.count, case .word(let name) = tokens[index],
                ["startswith", "endswith", "contains"].contains(name),
                tokens[index + 1] == .open, case .word(let property) = tokens[index + 2], tokens[index + 3] == .comma,
                case .literal(let text, prefix: "") = tokens[index + 4], tokens[index + 5] == .close
            {
                index += 6
                comparisons += 1
                return .comparison(property: property, op: name, literal: .string(text))
            }
            if tokens[index] == .open {
                index += 1
                let inner = try parseOr()
                guard index < tokens.count, tokens[index] == .close else { throw ParseError(message: "missing ')'") }
                index += 1
                return inner
            }
            guard index + 2 < tokens.count, case .word(let property) = tokens[index],
                case .word(let op) = tokens[index + 1],
                ["eq", "ne", "gt", "ge", "lt", "le"].contains(op)
            else {
                throw ParseError(message: "expected 'Property op literal' at '\(tokens[index])'")
            }
            let literal: Literal
            switch tokens[index + 2] {
            case .literal(let text, let prefix):
                switch prefix {
                case "": literal = .string(text)
                case "datetime": literal = .dateTime(text)
                case "guid": literal = .guid(text)
                case "X", "binary": literal = .string(text)
                default: throw ParseError(message: "unknown literal type '\(prefix)'")
                }
            case .word(let word):
                if word == "true" || word == "false" {
                    literal = .bool(word == "true")
                } else if let n = Double(word.hasSuffix("L") ? String(word.dropLast()) : word) {
                    literal = .number(n)
                } else {
                    throw ParseError(message: "'\(word)' is not a literal")
                }
            default:
                throw ParseError(message: "expected a literal after '\(op)'")
            }
            index += 3
            comparisons += 1
            return .comparison(property: property, op: op, literal: literal)
        }
    }
}
