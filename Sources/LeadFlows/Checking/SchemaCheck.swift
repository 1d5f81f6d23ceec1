import LeadFlowFiles
import LeadModel

/// The part of JSON Schema a flow's trigger and Parse JSON actions enforce (docs/reference/flows.md §3): `type`,
/// `enum`, `required`, `properties`, `additionalProperties: false` and `items`. Property names
/// match case-sensitively, as the [3P] emulator found Logic Apps' `required` check to do.
enum SchemaCheck {
    /// The first violation of `schema` by `instance` (depth first, in schema order), or nil.
    static func violation(of instance: JSONValue, schema: JSONValue, at pointer: JSONPointer, path: String = "")
        -> SchemaViolation?
    {
        guard let rules = schema.object else { return nil }
        if let type = rules["type"] {
            let allowed = type.array?.compactMap(\.string) ?? type.string.map { [$0] } ?? []
            if !allowed.isEmpty, !allowed.contains(where: { matches(instance, type: $0) }) {
                return SchemaViolation(
                    schemaPointer: pointer.appending("type"), errorType: "type",
                    message:
                        "Invalid type. Expected \(allowed.map(capitalised).joined(separator: ", ")) but got \(capitalised(typeName(instance))).",
                    path: path)
            }
        }
        if let options = rules["enum"]?.array, !options.contains(instance) {
            return SchemaViolation(
                schemaPointer: pointer.appending("enum"), errorType: "enum",
                message: "Value \"\(instance.text)\" is not defined in enum.", path: path)
        }
        if let members = instance.object {
            let missing = (rules["required"]?.array ?? []).compactMap(\.string).filter { members[$0] == nil }
            if !missing.isEmpty {
                return SchemaViolation(
                    schemaPointer: pointer.appending("required"), errorType: "required",
                    message: "Required properties are missing from object: \(missing.joined(separator: ", ")).",
                    path: path)
            }
            let properties = rules["properties"]?.object ?? [:]
            for key in properties.keys.sorted() {
                guard let value = members[key], let subschema = properties[key] else { continue }
                if let found = violation(
                    of: value, schema: subschema, at: pointer.appending(["properties", key]), path: join(path, key))
                {
                    return found
                }
            }
            if rules["additionalProperties"] == .bool(false),
                let extra = members.keys.sorted().first(where: { properties[$0] == nil })
            {
                return SchemaViolation(
                    schemaPointer: pointer.appending("additionalProperties"), errorType: "additionalProperties",
                    message:
                        "Property '\(extra)' has not been defined and the schema does not allow additional properties.",
                    path: join(path, extra))
            }
        }
        if let items = instance.array, let itemSchema = rules["items"] {
            for (index, item) in items.enumerated() {
                if let found = violation(
                    of: item, schema: itemSchema, at: pointer.appending("items"), path: "\(path)[\(index)]")
                {
                    return found
                }
            }
        }
        return nil
    }

    /// Whether `value` is of the JSON Schema type `type`.
    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("null", .null), ("object", .object), ("array", .array),
            ("number", .number):
            true
        case ("integer", .number(let number)): number == number.rounded()
        default: false
        }
    }

    /// The JSON Schema type name of `value`.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .string: "string"
        case .bool: "boolean"
        case .null: "null"
        case .object: "object"
        case .array: "array"
        case .number(let number): number == number.rounded() ? "integer" : "number"
        }
    }

    /// Newtonsoft's spelling in its messages: "Expected String but got Null".
    private static func capitalised(_ name: String) -> String { name.prefix(1).uppercased() + name.dropFirst() }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
