/// A growable byte buffer that wire encoders write into.
///
/// Encoders append bytes directly instead of building intermediate Strings or going through
/// `JSONEncoder`: generation streams a million leads a second, and key order must be fixed
/// for byte-identical output.
public struct WireBuffer: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes written.
    public var count: Int { bytes.count }

    /// Forgets the contents, keeping the allocation.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// The contents as a String (they are always valid UTF-8).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends literal text verbatim.
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a String's UTF-8 verbatim.
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends one byte.
    public mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends raw bytes.
    public mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Appends an integer in decimal.
    public mutating func append(decimal value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(decimal: UInt(value.magnitude))
        } else {
            append(decimal: UInt(value))
        }
    }

    private mutating func append(decimal value: UInt) {
        if value >= 10 { append(decimal: value / 10) }
        bytes.append(UInt8(0x30 + value % 10))
    }
}
