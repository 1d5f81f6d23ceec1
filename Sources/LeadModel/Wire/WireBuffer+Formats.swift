extension WireBuffer {
    /// Appends `value` in decimal, zero-padded to `width` digits.
    @inline(__always)
    func append(decimal value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        if v >= divisor * 10 {
            append(decimal: v / (divisor * 10))
            v %= divisor * 10
        }
        while divisor > 0 {
            append(byte: UInt8(0x30 + (v / divisor) % 10))
            divisor /= 10
        }
    }

    /// Appends `2026-01-01T00:00:05Z`, written in place for the years 0–9999 (every lead's).
    public func append(iso8601 time: LeadTimestamp) {
        let c = time.components
        guard (0...9999).contains(c.year) else { return appendISO8601(components: c) }
        appendInPlace(count: 20) { out in
            @inline(__always) func two(_ value: Int, at index: Int) {
                out[index] = UInt8(truncatingIfNeeded: 0x30 + value / 10)
                out[index + 1] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
            }
            two(c.year / 100, at: 0)
            two(c.year % 100, at: 2)
            out[4] = UInt8(ascii: "-")
            two(c.month, at: 5)
            out[7] = UInt8(ascii: "-")
            two(c.day, at: 8)
            out[10] = UInt8(ascii: "T")
            two(c.hour, at: 11)
            out[13] = UInt8(ascii: ":")
            two(c.minute, at: 14)
            out[16] = UInt8(ascii: ":")
            two(c.second, at: 17)
            out[19] = UInt8(ascii: "Z")
        }
    }

    /// The general form, for years past four digits.
    private func appendISO8601(
        components c: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int)
    ) {
        append(decimal: c.year, width: 4)
        append(byte: UInt8(ascii: "-"))
        append(decimal: c.month, width: 2)
        append(byte: UInt8(ascii: "-"))
        append(decimal: c.day, width: 2)
        append(byte: UInt8(ascii: "T"))
        append(decimal: c.hour, width: 2)
        append(byte: UInt8(ascii: ":"))
        append(decimal: c.minute, width: 2)
        append(byte: UInt8(ascii: ":"))
        append(decimal: c.second, width: 2)
        append(byte: UInt8(ascii: "Z"))
    }

    /// Appends a GUID as lowercase `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, written in place.
    public func append(guid: LeadGUID) {
        appendInPlace(count: 36) { out in
            /// Writes the `count` hex digits of `word` from nibble `first` (0 = the top) at `at`.
            @inline(__always) func hex(_ word: UInt64, from first: Int, count: Int, at: Int) {
                for k in 0..<count {
                    let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - (first + k) * 4)) & 0xF
                    out[at + k] = nibble &+ (nibble < 10 ? 0x30 : 0x57)
                }
            }
            hex(guid.high, from: 0, count: 8, at: 0)
            out[8] = 0x2D
            hex(guid.high, from: 8, count: 4, at: 9)
            out[13] = 0x2D
            hex(guid.high, from: 12, count: 4, at: 14)
            out[18] = 0x2D
            hex(guid.low, from: 0, count: 4, at: 19)
            out[23] = 0x2D
            hex(guid.low, from: 4, count: 12, at: 24)
        }
    }
}
