import LeadModel
import LeadTransport
import Yams

/// A YAML node with the file and key path it came from, for typed reads whose errors say
/// exactly where and what: `leadcheck.yaml:12:5: destinations[1].formId: expected a whole number`.
struct ConfigNode {
    let node: Node
    let file: String
    let path: String
    let environment: [String: String]

    var location: String {
        guard let mark = node.mark else { return file }
        return "\(file):\(mark.line):\(mark.column)"
    }

    func error(_ reason: String) -> LeadCheckError {
        .invalidInput(location: location, reason: path.isEmpty ? reason : "\(path): \(reason)")
    }

    /// The mapping's entries, rejecting keys not in `allowed` with a suggestion.
    func mapping(allowed: [String]) throws(LeadCheckError) -> [String: ConfigNode] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping of keys to values") }
        var entries: [String: ConfigNode] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error("keys must be plain strings") }
            let name = scalar.string
            let child = ConfigNode(
                node: value, file: file, path: path.isEmpty ? name : "\(path).\(name)", environment: environment)
            guard allowed.contains(name) else {
                let keyNode = ConfigNode(node: key, file: file, path: child.path, environment: environment)
                let hint =
                    Self.suggestion(for: name, among: allowed).map { "; did you mean '\($0)'?" }
                    ?? "; valid keys are \(allowed.joined(separator: ", "))"
                throw keyNode.error("unknown key '\(name)'\(hint)")
            }
            if case .alias = value { throw child.error("anchors and aliases are not supported") }
            entries[name] = child
        }
        return entries
    }

    /// The sequence's items.
    func sequence() throws(LeadCheckError) -> [ConfigNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return try sequence.enumerated().map { (index, item) throws(LeadCheckError) in
            let child = ConfigNode(node: item, file: file, path: "\(path)[\(index)]", environment: environment)
            if case .alias = item { throw child.error("anchors and aliases are not supported") }
            return child
        }
    }

    /// A string scalar with `${VAR}` / `${VAR:-default}` expanded.
    func string() throws(LeadCheckError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a string") }
        return try ConfigInterpolation.expand(scalar.string, environment: environment, at: self)
    }

    /// A secret: expanded like a string, and remembered as coming from the variable it named (for
    /// `--curl`) or from this place in the file.
    func secret() throws(LeadCheckError) -> Secret {
        guard case .scalar(let scalar) = node else { throw error("expected a string") }
        let text = scalar.string
        let value = try ConfigInterpolation.expand(text, environment: environment, at: self)
        guard !value.isEmpty else { throw error("must not be empty") }
        return Secret(value, source: ConfigInterpolation.soleVariable(in: text) ?? location)
    }

    /// A whole number in `range`.
    func int(_ range: ClosedRange<Int>) throws(LeadCheckError) -> Int {
        let text = try string()
        guard let value = Int(text), range.contains(value) else {
            throw error("expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// `true` or `false`.
    func bool() throws(LeadCheckError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw error("expected true or false, got '\(other)'")
        }
    }

    /// One of an enum's values.
    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type = T.self) throws(LeadCheckError) -> T
    where T.RawValue == String {
        let text = try string()
        guard
            let value = T(rawValue: text) ?? T.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() })
        else {
            throw error("'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A list of an enum's values, as a YAML list or a comma-separated string.
    func choices<T: RawRepresentable & CaseIterable & Hashable>(_ type: T.Type = T.self) throws(LeadCheckError) -> [T]
    where T.RawValue == String {
        if case .sequence = node {
            var values: [T] = []
            for item in try sequence() {
                let value: T = try item.choice()
                if !values.contains(value) { values.append(value) }
            }
            return values
        }
        do { return try Choice.parseList(try string(), flag: path) } catch { throw self.error(error.message) }
    }

    /// A duration like `30s`, `250ms` or `2m`, in milliseconds.
    func milliseconds() throws(LeadCheckError) -> Int {
        let text = try string()
        guard let milliseconds = Choice.durationMilliseconds(text) else {
            throw error(
                "expected a duration \(DurationText.describe(Choice.durationRange)) like 250ms, 30s or 2m, got '\(text)'"
            )
        }
        return milliseconds
    }

    /// An http(s) URL.
    func url() throws(LeadCheckError) -> String {
        let text = try string()
        guard text.lowercased().hasPrefix("https://") || text.lowercased().hasPrefix("http://"), text.count > 8 else {
            throw error("expected an http:// or https:// URL, got '\(Redactor.redactPatternsOnly(text))'")
        }
        return text
    }

    /// The closest allowed key within edit distance 2, for "did you mean".
    static func suggestion(for key: String, among allowed: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var previous = row[0]
                row[0] = i + 1
                for (j, y) in b.enumerated() {
                    let current = row[j + 1]
                    row[j + 1] = min(row[j + 1] + 1, row[j] + 1, previous + (x == y ? 0 : 1))
                    previous = current
                }
            }
            return row[b.count]
        }
        let scored = allowed.map { ($0, distance(Array(key.lowercased()), Array($0.lowercased()))) }.min { $0.1 < $1.1 }
        return scored.flatMap { $0.1 <= 2 ? $0.0 : nil }
    }
}
