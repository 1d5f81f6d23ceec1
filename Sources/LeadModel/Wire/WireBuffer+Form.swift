extension WireBuffer {
    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// Appends `text` encoded for an `application/x-www-form-urlencoded` body, as browsers and
    /// the WHATWG URL standard do it: ASCII letters, digits and `*-._` stay, space becomes `+`,
    /// every other byte of the UTF-8 becomes `%XX`. A `+` in the data therefore goes out as `%2B`.
    public func appendFormEncoded(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                append(byte: byte)
            case UInt8(ascii: " "):
                append(byte: UInt8(ascii: "+"))
            default:
                append(byte: UInt8(ascii: "%"))
                append(byte: Self.upperHex[Int(byte >> 4)])
                append(byte: Self.upperHex[Int(byte & 0xF)])
            }
        }
    }

    /// Appends `name=value`, preceded by `&` when `needsAmpersand` is set (and sets it).
    public func appendFormField(_ name: String, _ value: String, needsAmpersand: inout Bool) {
        if needsAmpersand { append(byte: UInt8(ascii: "&")) }
        needsAmpersand = true
        appendFormEncoded(name)
        append(byte: UInt8(ascii: "="))
        appendFormEncoded(value)
    }
}
