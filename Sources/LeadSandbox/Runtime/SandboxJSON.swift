import Foundation

/// The sandbox's one JSON type: request bodies, stored records, answers, and the flow engine's
/// definitions, trigger bodies and action outputs. The sandbox decodes and writes JSON only
/// through it (never with the client's encoders or Foundation's untyped objects), so a parsing
/// bug in the client cannot pass here too.
indirect enum SandboxJSON: Sendable, Equatable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SandboxJSON])
    case object([String: SandboxJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SandboxJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SandboxJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: SandboxJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, SandboxJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// A whole number (an id, a count).
    init(_ value: Int64) { self = .number(Double(value)) }

    /// Parses JSON text; nil when it is not JSON.
    static func parse(_ bytes: [UInt8]) -> SandboxJSON? {
        try? JSONDecoder().decode(SandboxJSON.self, from: Data(bytes))
    }

    /// Parses JSON text; nil when it is not JSON.
    static func parse(_ text: String) -> SandboxJSON? { parse(Array(text.utf8)) }

    /// Parses a JSON object; nil when the text is not one.
    static func parseObject(_ bytes: [UInt8]) -> [String: SandboxJSON]? { parse(bytes)?.object }

    /// Parses a JSON object; nil when the text is not one.
    static func parseObject(_ text: String) -> [String: SandboxJSON]? { parse(text)?.object }

    /// The compact text as UTF-8 bytes, keys sorted: what a response body carries.
    var bytes: [UInt8] { Array(text.utf8) }

    /// Compact JSON text, keys sorted.
    var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// The member `key`, for an object.
    subscript(key: String) -> SandboxJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
    var object: [String: SandboxJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }
    var array: [SandboxJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }
    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
    var isNull: Bool { self == .null }

    /// The number when it is a whole one that fits 64 bits (an id, a form id); nil otherwise.
    var int64: Int64? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 9.2e18 else { return nil }
        return Int64(value)
    }

    /// The type name Logic Apps' messages use (`Null`, `String`, `Integer`, `Float`, `Boolean`,
    /// `Object`, `Array`), as in "The provided value is of type 'Null'" (docs/reference/flows.md §3).
    var typeName: String {
        switch self {
        case .null: "Null"
        case .bool: "Boolean"
        case .number(let value): value.rounded() == value ? "Integer" : "Float"
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
        case .string(let value): value
        case .bool(let value): value ? "True" : "False"
        case .number(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        default: text
        }
    }

    /// Whether an `if`/condition treats it as true.
    var truthy: Bool {
        switch self {
        case .bool(let value): value
        case .string(let value): value.lowercased() == "true"
        default: false
        }
    }
}
