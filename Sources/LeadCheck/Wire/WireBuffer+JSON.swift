extension WireBuffer {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `text` as a quoted JSON string (RFC 8259): `"` and `\` escaped, control
    /// characters as `\n`-style or `\u00XX` escapes, everything else as raw UTF-8.
    public mutating func appendJSONString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        appendJSONEscaped(text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the inside of a JSON string literal, without the quotes.
    public mutating func appendJSONEscaped(_ text: String) {
        var text = text
        text.withUTF8 { appendJSONEscaped(utf8: $0) }
    }

    /// Appends the inside of a JSON string literal for already-UTF-8 bytes.
    public mutating func appendJSONEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for i in 0..<utf8.count {
            let byte = utf8[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            runStart = i + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
            }
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    /// Appends `"key":` — keys are literals chosen by the encoders and never need escaping.
    public mutating func appendJSONKey(_ key: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        append(key)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }
}
