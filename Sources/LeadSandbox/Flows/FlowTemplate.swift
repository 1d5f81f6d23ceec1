/// A template the definition holds: a whole expression (`"@triggerBody()"`, typed), text with
/// `@{…}` parts (always a string), or plain text (`@@` escapes a leading `@`).
enum FlowTemplate: Sendable, Equatable {
    case text(String)
    case expression(FlowExpression, source: String)
    case interpolation([Part])

    enum Part: Sendable, Equatable {
        case text(String)
        case expression(FlowExpression, source: String)
    }

    /// Reads a definition string; an expression that does not parse is a template error, as
    /// Logic Apps refuses such a definition.
    static func parse(_ string: String) throws(FlowTemplateError) -> FlowTemplate {
        if string.hasPrefix("@@") { return .text(String(string.dropFirst())) }
        if string.hasPrefix("@"), !string.hasPrefix("@{") {
            let source = String(string.dropFirst())
            return .expression(try FlowExpressionParser.parse(source), source: source)
        }
        guard string.contains("@{") else { return .text(string) }
        var parts: [Part] = []
        var rest = Substring(string)
        while let open = rest.range(of: "@{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            let body = rest[open.upperBound...]
            guard let close = FlowExpressionParser.closingBrace(in: body) else {
                throw FlowTemplateError(
                    "The template language expression '\(string)' is not valid: the '@{' is not closed.")
            }
            let source = String(body[..<close])
            parts.append(.expression(try FlowExpressionParser.parse(source), source: source))
            rest = body[body.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return .interpolation(parts)
    }
}
