/// Recursive-descent parser of WDL expressions: literals (`'text'` with `''` for a quote,
/// numbers, `true`, `false`, `null`), function calls, `[…]` / `.name` member access, each
/// optionally `?`-guarded.
struct FlowExpressionParser {
    private let characters: [Character]
    private var index = 0
    private let source: String

    private init(_ source: String) {
        self.source = source
        characters = Array(source)
    }

    static func parse(_ source: String) throws(FlowTemplateError) -> FlowExpression {
        var parser = FlowExpressionParser(source)
        let expression = try parser.expression()
        parser.skipSpace()
        guard parser.index == parser.characters.count else {
            throw parser.invalid("unexpected '\(parser.characters[parser.index])'")
        }
        return expression
    }

    /// The `}` that closes an `@{`, skipping quoted strings.
    static func closingBrace(in text: Substring) -> String.Index? {
        var quoted = false
        for index in text.indices {
            let c = text[index]
            if c == "'" { quoted.toggle() } else if c == "}", !quoted { return index }
        }
        return nil
    }

    private func invalid(_ reason: String) -> FlowTemplateError {
        FlowTemplateError("The template language expression '\(source)' is not valid: \(reason).")
    }

    private mutating func skipSpace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private mutating func expression() throws(FlowTemplateError) -> FlowExpression {
        var base = try primary()
        while true {
            skipSpace()
            guard index < characters.count else { return base }
            var optional = false
            var at = index
            if characters[at] == "?" {
                optional = true
                at += 1
            }
            guard at < characters.count else { return base }
            if characters[at] == "[" {
                index = at + 1
                let key = try expression()
                skipSpace()
                guard index < characters.count, characters[index] == "]" else { throw invalid("expected ']'") }
                index += 1
                base = .member(base: base, key: key, optional: optional)
            } else if characters[at] == "." {
                index = at + 1
                let name = identifier()
                guard !name.isEmpty else { throw invalid("expected a property name after '.'") }
                base = .member(base: base, key: .literal(.string(name)), optional: optional)
            } else {
                return base
            }
        }
    }

    private mutating func identifier() -> String {
        let start = index
        while index < characters.count,
            characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
                || characters[index] == "$"
        { index += 1 }
        return String(characters[start..<index])
    }

    private mutating func primary() throws(FlowTemplateError) -> FlowExpression {
        skipSpace()
        guard index < characters.count else { throw invalid("it ends too early") }
        let c = characters[index]
        if c == "'" {
            index += 1
            var text = ""
            while true {
                guard index < characters.count else { throw invalid("a string is not closed") }
                if characters[index] == "'" {
                    if index + 1 < characters.count, characters[index + 1] == "'" {
                        text.append("'")
                        index += 2
                        continue
                    }
                    index += 1
                    return .literal(.string(text))
                }
                text.append(characters[index])
                index += 1
            }
        }
        if c.isNumber || c == "-" {
            let start = index
            index += 1
            while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
            guard let value = Double(String(characters[start..<index])) else {
                throw invalid("'\(String(characters[start..<index]))' is not a number")
            }
            return .literal(.number(value))
        }
        let name = identifier()
        guard !name.isEmpty else { throw invalid("unexpected '\(c)'") }
        skipSpace()
        guard index < characters.count, characters[index] == "(" else {
            switch name.lowercased() {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default: throw invalid("'\(name)' is not a function call")
            }
        }
        index += 1
        var arguments: [FlowExpression] = []
        skipSpace()
        if index < characters.count, characters[index] == ")" {
            index += 1
            return .call(name: name, arguments: arguments)
        }
        while true {
            arguments.append(try expression())
            skipSpace()
            guard index < characters.count else { throw invalid("expected ')'") }
            if characters[index] == "," {
                index += 1
                continue
            }
            guard characters[index] == ")" else { throw invalid("expected ',' or ')'") }
            index += 1
            return .call(name: name, arguments: arguments)
        }
    }
}
