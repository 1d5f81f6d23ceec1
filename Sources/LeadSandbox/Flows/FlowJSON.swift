import Foundation

/// A JSON value as the sandbox's flow engine holds it: the definition, the trigger body, action
/// outputs. The sandbox decodes it itself (never with the client's JSON types), so a parsing bug
/// in the client cannot pass here too.
indirect enum FlowJSON: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([FlowJSON])
    case object([String: FlowJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([FlowJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: FlowJSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// Parses JSON text; nil when it is not JSON.
    static func parse(_ bytes: [UInt8]) -> FlowJSON? { try? JSONDecoder().decode(FlowJSON.self, from: Data(bytes)) }

    /// Compact JSON text, keys sorted.
    var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// The member `key`, for an object.
    subscript(key: String) -> FlowJSON? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    var string: String? { if case let .string(value) = self { return value }; return nil }
    var object: [String: FlowJSON]? { if case let .object(value) = self { return value }; return nil }
    var array: [FlowJSON]? { if case let .array(value) = self { return value }; return nil }

    /// The type name Logic Apps' messages use (`Null`, `String`, `Integer`, `Float`, `Boolean`,
    /// `Object`, `Array`), as in "The provided value is of type 'Null'" (docs/reference/flows.md §3).
    var typeName: String {
        switch self {
        case .null: "Null"
        case .bool: "Boolean"
        case let .number(value): value.rounded() == value ? "Integer" : "Float"
        case .string: "String"
        case .array: "Array"
        case .object: "Object"
        }
    }

    /// The value as an expression's string interpolation writes it: strings bare, null empty
    /// (the functions reference, `string()`), anything else as JSON; booleans as .NET writes them
    /// (`True`), inferred: the reference shows no example.
    var interpolated: String {
        switch self {
        case .null: ""
        case let .string(value): value
        case let .bool(value): value ? "True" : "False"
        case let .number(value): value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        default: text
        }
    }

    /// Whether an `if`/condition treats it as true.
    var truthy: Bool {
        switch self {
        case let .bool(value): value
        case let .string(value): value.lowercased() == "true"
        default: false
        }
    }
}
