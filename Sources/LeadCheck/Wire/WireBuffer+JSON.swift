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
        var text = text
        text.withUTF8 { appendJSONEscaped(utf8: $0) }
    }

    /// Whether any byte of the 8 in `word` is below 0x20, `"` or `\`. Exact (no false
    /// negatives or positives for existence): the classic has-less-than and has-zero-byte tricks.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool { escapeFlags(word) != 0 }

    /// Nonzero exactly when `word` has a byte to escape (the high bit of each such byte's lane
    /// may be set; the flags of several words can be OR-ed and tested once).
    @inline(__always)
    private static func escapeFlags(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lessThanSpace = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return lessThanSpace | hasQuote | hasBackslash
    }

    /// Appends the inside of a JSON string literal for already-UTF-8 bytes. Scans eight bytes
    /// at a time and copies clean runs whole: long `limits` values are mostly clean.
    public func appendJSONEscaped(utf8: UnsafeBufferPointer<UInt8>) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var runStart = 0
        var i = 0
        while i < count {
            // Two words per test while both are clean: one branch per 16 bytes.
            while i + 16 <= count {
                let raw = UnsafeRawPointer(base + i)
                guard Self.escapeFlags(raw.loadUnaligned(as: UInt64.self)) | Self.escapeFlags(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) == 0 else { break }
                i += 16
            }
            guard i < count else { break }
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !Self.needsEscape(word) { i += 8; continue }
            }
            let byte = base[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { i += 1; continue }
            if runStart < i { append(UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            i += 1
            runStart = i
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
        if runStart < count { append(UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
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
