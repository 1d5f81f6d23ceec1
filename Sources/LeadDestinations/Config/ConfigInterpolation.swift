import LeadModel

/// `${VAR}` and `${VAR:-default}` in config values, from the environment. An unset variable
/// without a default is an error naming it; `$$` is a literal `$`.
enum ConfigInterpolation {
    static func expand(_ text: String, environment: [String: String], at node: ConfigNode) throws(LeadCheckError)
        -> String
    {
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest.index(after: dollar)
            if after < rest.endIndex, rest[after] == "$" {
                out += "$"
                rest = rest[rest.index(after: after)...]
                continue
            }
            guard after < rest.endIndex, rest[after] == "{", let close = rest[after...].firstIndex(of: "}") else {
                out += "$"
                rest = rest[after...]
                continue
            }
            let inner = rest[rest.index(after: after)..<close]
            let parts = inner.split(separator: ":-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let name = parts[0]
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw node.error("'${\(inner)}' is not a valid variable reference; use ${NAME} or ${NAME:-default}")
            }
            if let value = environment[name], !(parts.count == 2 && value.isEmpty) {
                out += value
            } else if parts.count == 2 {
                out += parts[1]
            } else {
                throw node.error("the environment variable \(name) is not set (use ${\(name):-default} for a default)")
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The variable name when the whole value is one `${VAR}` reference.
    static func soleVariable(in text: String) -> String? {
        guard text.hasPrefix("${"), text.hasSuffix("}"), !text.dropFirst(2).dropLast().contains("}") else { return nil }
        let inner = text.dropFirst(2).dropLast()
        let name = inner.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return name.isEmpty ? nil : name
    }
}
