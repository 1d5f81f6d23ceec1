extension WireBuffer {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `text` as a quoted JSON string (RFC 8259): `"` and `\` escaped, control
    /// characters as `\n`-style or `\u00XX` escapes, everything else as raw UTF-8.
    public func appendJSONString(_ text: String) {
        append(byte: UInt8(ascii: "\""))
        appendJSONEscaped(text)
        append(byte: UInt8(ascii: "\""))
    }

    /// Appends the inside of a JSON string literal, without the quotes.
    public func appendJSONEscaped(_ text: String) {
        withUTF8(of: text) { appendJSONEscaped(utf8: $0) }
    }

    /// Appends the inside of a JSON string literal for already-UTF-8 bytes: runs a JSON string
    /// holds as is (no byte below 0x20, no `"`, no `\`: RFC 8259 §7) are copied whole, found
    /// eight bytes at a time, within the buffer.
    public func appendJSONEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var i = 0
        while true {
            let end = Self.cleanRunEnd(base, from: i, count: count)
            append(UnsafeBufferPointer(start: base + i, count: end - i))
            i = end
            guard i < count else { return }
            let byte = base[i]
            i += 1
            append(byte: UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): append(byte: UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): append(byte: UInt8(ascii: "\\"))
            case 0x0A: append(byte: UInt8(ascii: "n"))
            case 0x0D: append(byte: UInt8(ascii: "r"))
            case 0x09: append(byte: UInt8(ascii: "t"))
            case 0x08: append(byte: UInt8(ascii: "b"))
            case 0x0C: append(byte: UInt8(ascii: "f"))
            default:
                append(byte: UInt8(ascii: "u"))
                append(byte: 0x30)
                append(byte: 0x30)
                append(byte: Self.hex[Int(byte >> 4)])
                append(byte: Self.hex[Int(byte & 0xF)])
            }
        }
    }

    /// The index of the first byte at or after `start` that a JSON string cannot hold as is, or
    /// `count`. Word-at-a-time: in each of the three masks the lowest flagged byte is a true
    /// match (a borrow only runs upward from a matching byte), so the lowest bit of their union
    /// is the first byte to escape.
    @inline(__always)
    static func cleanRunEnd(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var end = start
        while end + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special =
                ((word &- ones &* 0x20) & ~word
                    | (quote &- ones) & ~quote
                    | (backslash &- ones) & ~backslash) & highs
            if special != 0 { return end + special.trailingZeroBitCount >> 3 }
            end += 8
        }
        while end < count, base[end] >= 0x20, base[end] != UInt8(ascii: "\""), base[end] != UInt8(ascii: "\\") {
            end += 1
        }
        return end
    }

    /// Appends `"key":` — keys are literals chosen by the encoders and never need escaping.
    @inline(__always)
    public func appendJSONKey(_ key: StaticString) {
        append(byte: UInt8(ascii: "\""))
        append(key)
        append(byte: UInt8(ascii: "\""))
        append(byte: UInt8(ascii: ":"))
    }
}
