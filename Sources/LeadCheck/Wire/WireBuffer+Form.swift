extension WireBuffer {
    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// Appends `text` encoded for an `application/x-www-form-urlencoded` body, as browsers and
    /// the WHATWG URL standard do it: ASCII letters, digits and `*-._` stay, space becomes `+`,
    /// every other byte of the UTF-8 becomes `%XX`. A `+` in the data therefore goes out as `%2B`.
    public mutating func appendFormEncoded(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                bytes.append(byte)
            case UInt8(ascii: " "):
                bytes.append(UInt8(ascii: "+"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "%"), Self.upperHex[Int(byte >> 4)], Self.upperHex[Int(byte & 0xF)]])
            }
        }
    }

    /// Appends `name=value`, preceded by `&` unless the buffer is empty.
    public mutating func appendFormField(_ name: String, _ value: String) {
        if !bytes.isEmpty { bytes.append(UInt8(ascii: "&")) }
        appendFormEncoded(name)
        bytes.append(UInt8(ascii: "="))
        appendFormEncoded(value)
    }
}
