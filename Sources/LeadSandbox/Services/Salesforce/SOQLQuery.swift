/// The SOQL subset read-back needs: `SELECT f, … FROM Lead [WHERE cond [AND|OR cond]…] [LIMIT n]`
/// with `=`, `!=`, `LIKE` and `IN ('a', 'b', …)` against string literals (`\'`, `\\`, `\"`, `\n` escapes). Field
/// names and string comparisons are case-insensitive, as in SOQL.
struct SOQLQuery: Sendable {
    let fields: [String]
    let object: String
    let conditions: [(field: String, op: String, values: [String])]
    let connectives: [String]
    let limit: Int?

    struct ParseError: Error { let message: String }

    static func parse(_ text: String) throws -> SOQLQuery {
        var tokens = try tokenize(text)[...]
        func next() throws -> String {
            guard let token = tokens.popFirst() else { throw ParseError(message: "unexpected end of query") }
            return token
        }
        guard try next().uppercased() == "SELECT" else { throw ParseError(message: "expected SELECT") }
        var fields: [String] = []
        while true {
            fields.append(try next())
            if tokens.first == "," {
                tokens.removeFirst()
                continue
            }
            break
        }
        guard try next().uppercased() == "FROM" else { throw ParseError(message: "expected FROM") }
        let object = try next()
        var conditions: [(String, String, [String])] = []
        var connectives: [String] = []
        var limit: Int?
        while let keyword = tokens.first?.uppercased() {
            tokens.removeFirst()
            switch keyword {
            case "WHERE", "AND", "OR":
                if keyword != "WHERE" { connectives.append(keyword) }
                let field = try next()
                let op = try next().uppercased()
                guard ["=", "!=", "LIKE", "IN"].contains(op) else {
                    throw ParseError(message: "unsupported operator '\(op)'")
                }
                func literal() throws -> String {
                    let token = try next()
                    guard token.hasPrefix("\u{1}") else {
                        throw ParseError(message: "expected a string literal after \(op)")
                    }
                    return String(token.dropFirst())
                }
                guard op == "IN" else {
                    conditions.append((field, op, [try literal()]))
                    continue
                }
                guard try next() == "(" else { throw ParseError(message: "expected ( after IN") }
                var values = [try literal()]
                while true {
                    let separator = try next()
                    if separator == ")" { break }
                    guard separator == "," else { throw ParseError(message: "expected , or ) in the IN list") }
                    values.append(try literal())
                }
                conditions.append((field, op, values))
            case "LIMIT":
                guard let n = Int(try next()) else { throw ParseError(message: "LIMIT needs a number") }
                limit = n
            default:
                throw ParseError(message: "unexpected token '\(keyword)'")
            }
        }
        return SOQLQuery(fields: fields, object: object, conditions: conditions, connectives: connectives, limit: limit)
    }

    /// Words, `,`, operators, and string literals marked with a leading U+0001.
    static func tokenize(_ text: String) throws -> [String] {
        var tokens: [String] = []
        var chars = Array(text)[...]
        while let c = chars.first {
            if c.isWhitespace {
                chars.removeFirst()
                continue
            }
            if c == "," || c == "(" || c == ")" {
                tokens.append(String(c))
                chars.removeFirst()
                continue
            }
            if c == "=" {
                tokens.append("=")
                chars.removeFirst()
                continue
            }
            if c == "!" && chars.dropFirst().first == "=" {
                tokens.append("!=")
                chars.removeFirst(2)
                continue
            }
            if c == "'" {
                chars.removeFirst()
                var literal = "\u{1}"
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\\" {
                        guard let e = chars.popFirst() else { break }
                        switch e {
                        case "n": literal.append("\n")
                        case "r": literal.append("\r")
                        case "t": literal.append("\t")
                        default: literal.append(e)
                        }
                    } else if d == "'" {
                        closed = true
                        break
                    } else {
                        literal.append(d)
                    }
                }
                guard closed else { throw ParseError(message: "unterminated string literal") }
                tokens.append(literal)
                continue
            }
            var word = ""
            while let d = chars.first, !d.isWhitespace, !",='!()".contains(d) {
                word.append(d)
                chars.removeFirst()
            }
            guard !word.isEmpty else { throw ParseError(message: "unexpected character '\(c)'") }
            tokens.append(word)
        }
        return tokens
    }

    /// Whether a record (API name → value) satisfies the WHERE clause (evaluated left to right,
    /// AND binding tighter than OR).
    func matches(_ record: [String: SandboxJSON]) -> Bool {
        guard !conditions.isEmpty else { return true }
        func value(_ field: String) -> String? {
            record.first { $0.key.lowercased() == field.lowercased() }?.value.string
        }
        func test(_ condition: (field: String, op: String, values: [String])) -> Bool {
            let stored = value(condition.field)?.lowercased()
            let wanted = condition.values.map { $0.lowercased() }
            switch condition.op {
            case "=": return stored == wanted[0]
            case "!=": return stored != wanted[0]
            case "IN": return stored.map(wanted.contains) ?? false
            default: return stored.map { Self.like($0, wanted[0]) } ?? false
            }
        }
        var groups: [[Bool]] = [[test(conditions[0])]]
        for (index, connective) in connectives.enumerated() {
            let result = test(conditions[index + 1])
            if connective == "AND" { groups[groups.count - 1].append(result) } else { groups.append([result]) }
        }
        return groups.contains { $0.allSatisfy { $0 } }
    }

    /// SOQL LIKE: `%` any run, `_` one character.
    static func like(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text)
        let p = Array(pattern)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            if let known = memo[i * (p.count + 1) + j] { return known }
            let result: Bool
            if j == p.count {
                result = i == t.count
            } else if p[j] == "%" {
                result = match(i, j + 1) || (i < t.count && match(i + 1, j))
            } else {
                result = i < t.count && (p[j] == "_" || p[j] == t[i]) && match(i + 1, j + 1)
            }
            memo[i * (p.count + 1) + j] = result
            return result
        }
        return match(0, 0)
    }
}
