/// The JSON Schema checks Logic Apps applies to a trigger body with Schema Validation on and to
/// Parse JSON's content: `type` (one name or a list), `properties`, `required`, `items`.
///
/// docs/reference/flows.md §3 ([3P] the IllogicApps emulator, written by testing real workflows): `required`
/// is compared case-sensitively; the sandbox lets that be switched (`requiredCaseSensitive`).
/// Messages and `errorType` follow the Parse JSON outputs quoted there ("Invalid type. Expected
/// String but got Null.", "Required properties are missing from object: x.").
struct FlowSchemaValidator: Sendable {
    /// One violation, as Parse JSON's `outputs.errors[]` lists them.
    struct Violation: Sendable, Equatable {
        let message: String
        let path: String
        let errorType: String

        var json: SandboxJSON {
            .object([
                "message": .string(message), "lineNumber": .number(0), "linePosition": .number(0),
                "path": .string(path),
                "value": .null,
                "schemaId": .string(
                    path.isEmpty ? "#" : "#/properties/\(path.replacingOccurrences(of: ".", with: "/properties/"))"),
                "errorType": .string(errorType), "childErrors": .array([]),
            ])
        }
    }

    let requiredCaseSensitive: Bool

    func violations(of value: SandboxJSON, against schema: SandboxJSON, path: String = "") -> [Violation] {
        guard case .object(let rules) = schema else { return [] }
        var found: [Violation] = []
        if let allowed = Self.types(rules["type"]), !allowed.contains(where: { Self.matches(value, type: $0) }) {
            let expected = allowed.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: ", ")
            return [
                Violation(
                    message: "Invalid type. Expected \(expected) but got \(value.typeName).", path: path,
                    errorType: "type")
            ]
        }
        if case .object(let members) = value {
            if let required = rules["required"]?.array?.compactMap(\.string) {
                let missing = required.filter { key in
                    requiredCaseSensitive
                        ? members[key] == nil : !members.keys.contains { $0.lowercased() == key.lowercased() }
                }
                if !missing.isEmpty {
                    found.append(
                        Violation(
                            message: "Required properties are missing from object: \(missing.joined(separator: ", ")).",
                            path: path, errorType: "required"))
                }
            }
            for (key, propertySchema) in rules["properties"]?.object ?? [:] {
                guard let member = members[key] else { continue }
                found += violations(of: member, against: propertySchema, path: path.isEmpty ? key : "\(path).\(key)")
            }
        }
        if case .array(let items) = value, let itemSchema = rules["items"] {
            for (offset, item) in items.enumerated() {
                found += violations(of: item, against: itemSchema, path: "\(path)[\(offset)]")
            }
        }
        return found
    }

    private static func types(_ node: SandboxJSON?) -> [String]? {
        switch node {
        case .string(let name)?: [name]
        case .array(let names)?: names.compactMap(\.string)
        default: nil
        }
    }

    private static func matches(_ value: SandboxJSON, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }
}
