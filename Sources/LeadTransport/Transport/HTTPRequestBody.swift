import LeadModel

/// What a request carries.
public enum HTTPRequestBody: Sendable, Hashable {
    /// No body.
    case none
    /// Raw bytes with their content type (sent exactly as given, e.g. for signed requests).
    case bytes([UInt8], contentType: String)
    /// `application/x-www-form-urlencoded` fields, encoded in order.
    case form([FormField])

    /// One form field.
    public struct FormField: Sendable, Hashable {
        /// The name.
        public var name: String
        /// The value.
        public var value: String

        /// Creates a field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The bytes on the wire and their content type, or `nil` for no body.
    public var encoded: (bytes: [UInt8], contentType: String)? {
        switch self {
        case .none:
            return nil
        case .bytes(let bytes, let contentType):
            return (bytes, contentType)
        case .form(let fields):
            let buffer = WireBuffer(capacity: 256)
            var ampersand = false
            for field in fields { buffer.appendFormField(field.name, field.value, needsAmpersand: &ampersand) }
            return (buffer.bytes, "application/x-www-form-urlencoded")
        }
    }
}
