/// Finds the property reads in Workflow Definition Language strings: a string is an expression
/// when it starts with `@` (not `@@`), and may hold `@{…}` interpolations (WDL reference).
/// Function names match case-insensitively, as WDL's do; quoted text is skipped.
enum ExpressionScanner {
    /// The expressions in one string value of a definition.
    static func expressions(in string: String) -> [String] {
        if string.hasPrefix("@"), !string.hasPrefix("@@"), !string.hasPrefix("@{") {
            return [String(string.dropFirst())]
        }
        let chars = Array(string)
        var found: [String] = []
        var index = 0
        while index + 1 < chars.count {
            guard chars[index] == "@", chars[index + 1] == "{" else {
                index += 1
                continue
            }
            var depth = 0
            var cursor = index + 1
            var quoted = false
            while cursor < chars.count {
                let char = chars[cursor]
                if quoted {
                    if char == "'" { quoted = false }
                } else if char == "'" {
                    quoted = true
                } else if char == "{" {
                    depth += 1
                } else if char == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                cursor += 1
            }
            found.append(String(chars[(index + 2)..<min(cursor, chars.count)]))
            index = cursor + 1
        }
        return found
    }

    /// The property-read chains in one expression.
    static func reads(in expression: String) -> [PropertyRead] {
        let chars = Array(expression)
        var reads: [PropertyRead] = []
        var index = 0
        while index < chars.count {
            if chars[index] == "'" {
                index = skipQuoted(chars, from: index)
                continue
            }
            let boundary =
                index == 0 || !(chars[index - 1].isLetter || chars[index - 1].isNumber || chars[index - 1] == "_")
            guard boundary, let (base, afterBase) = base(chars, at: index) else {
                index += 1
                continue
            }
            var (steps, end) = self.steps(chars, from: afterBase)
            // `triggerOutputs()` and `outputs('X')` hold headers too; only their `body` is the lead,
            // but passed whole they carry it along.
            let isBody = !isOutputs(chars, at: index) || steps.isEmpty || steps.first?.key.lowercased() == "body"
            if isOutputs(chars, at: index), !steps.isEmpty { steps.removeFirst() }
            if isBody {
                reads.append(
                    PropertyRead(
                        base: base, steps: steps, text: String(chars[index..<end]),
                        argumentOf: directCall(chars, start: index, end: end)))
            }
            index = max(end, index + 1)
        }
        return reads
    }

    /// The function the text `start..<end` is the first argument of (`toLower(…)`,
    /// `split(…, ',')`), as written; nil when it is not directly a first argument
    /// (`toLower(coalesce(…))` makes it coalesce's, not toLower's).
    private static func directCall(_ chars: [Character], start: Int, end: Int) -> String? {
        var after = end
        while after < chars.count, chars[after].isWhitespace { after += 1 }
        guard after < chars.count, chars[after] == "," || chars[after] == ")" else { return nil }
        var cursor = start - 1
        while cursor >= 0, chars[cursor].isWhitespace { cursor -= 1 }
        guard cursor > 0, chars[cursor] == "(" else { return nil }
        var nameEnd = cursor
        while nameEnd > 0, chars[nameEnd - 1].isWhitespace { nameEnd -= 1 }
        var nameStart = nameEnd
        while nameStart > 0,
            chars[nameStart - 1].isLetter || chars[nameStart - 1].isNumber || chars[nameStart - 1] == "_"
        { nameStart -= 1 }
        guard nameStart < nameEnd else { return nil }
        return String(chars[nameStart..<nameEnd])
    }

    private static func matches(_ chars: [Character], at index: Int, _ word: String) -> Bool {
        let word = Array(word)
        guard index + word.count <= chars.count else { return false }
        return zip(chars[index..<(index + word.count)], word).allSatisfy { $0.lowercased() == $1.lowercased() }
    }

    private static func isOutputs(_ chars: [Character], at index: Int) -> Bool {
        matches(chars, at: index, "triggerOutputs(") || matches(chars, at: index, "outputs(")
    }

    /// The base at `index` and where its call ends.
    private static func base(_ chars: [Character], at index: Int) -> (PropertyRead.Base, Int)? {
        for call in ["triggerBody()", "triggerOutputs()"] where matches(chars, at: index, call) {
            return (.trigger, index + call.count)
        }
        for call in ["body('", "outputs('"] where matches(chars, at: index, call) {
            let start = index + call.count
            let close = skipQuoted(chars, from: start - 1)
            guard close < chars.count, chars[close] == ")" else { return nil }
            let name = String(chars[start..<(close - 1)]).replacingOccurrences(of: "''", with: "'")
            return (.action(name), close + 1)
        }
        return nil
    }

    /// The `?['key']` / `['key']` / `.key` steps from `index`, and where they end.
    private static func steps(_ chars: [Character], from index: Int) -> ([PropertyRead.Step], Int) {
        var steps: [PropertyRead.Step] = []
        var cursor = index
        while cursor < chars.count {
            var next = cursor
            let safe = chars[next] == "?"
            if safe { next += 1 }
            if next + 1 < chars.count, chars[next] == "[", chars[next + 1] == "'" {
                let close = skipQuoted(chars, from: next + 1)
                guard close < chars.count, chars[close] == "]" else { break }
                let key = String(chars[(next + 2)..<(close - 1)]).replacingOccurrences(of: "''", with: "'")
                steps.append(PropertyRead.Step(key: key, safe: safe))
                cursor = close + 1
            } else if next + 1 < chars.count, chars[next] == ".", chars[next + 1].isLetter || chars[next + 1] == "_" {
                var end = next + 1
                while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { end += 1 }
                steps.append(PropertyRead.Step(key: String(chars[(next + 1)..<end]), safe: safe))
                cursor = end
            } else {
                break
            }
        }
        return (steps, cursor)
    }

    /// The index just past the quoted text that opens at `index` (`''` is an escaped quote).
    private static func skipQuoted(_ chars: [Character], from index: Int) -> Int {
        var cursor = index + 1
        while cursor < chars.count {
            if chars[cursor] == "'" {
                if cursor + 1 < chars.count, chars[cursor + 1] == "'" {
                    cursor += 2
                    continue
                }
                return cursor + 1
            }
            cursor += 1
        }
        return cursor
    }
}
