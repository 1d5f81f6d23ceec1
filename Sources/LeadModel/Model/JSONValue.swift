import Foundation

/// A JSON value decoded with `Codable`, for documents whose shape is the customer's: the stored
/// rows leadcheck reads back (a Dataverse lead, a Salesforce record, a Table entity, a Marketo
/// lead) have columns that differ per customer's mapping, and a flow definition is whatever the
/// publisher built; the envelopes around them are typed.
public enum JSONValue: Sendable, Hashable, Codable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as it was.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Decodes a body, or nil when it is not JSON of this shape.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))
    }

    /// The string, when this is one (a number is not: a column that should hold text and holds
    /// a number is a difference the comparator reports).
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, when this is one.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    public var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, when this is an object.
    public var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member of this name, when this is an object that has it.
    public subscript(key: String) -> JSONValue? { object?[key] }

    /// The value as evidence text: strings as they are, integral numbers without a fraction
    /// (Marketo's codes arrive as `"1006"` or `1006`), anything else as JSON.
    public var text: String {
        switch self {
        case .string(let value): return value
        case .number(let value) where value == value.rounded() && abs(value) < 1e15: return String(Int64(value))
        case .number(let value): return String(value)
        case .bool(let value): return String(value)
        case .null: return "null"
        case .array, .object:
            return (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }
}

/// A JSON object.
public typealias JSONObject = [String: JSONValue]
