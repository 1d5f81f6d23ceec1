extension WireBuffer {
    /// Appends `value` in decimal, zero-padded to `width` digits.
    @inline(__always)
    func append(decimal value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        if v >= divisor * 10 { append(decimal: v / (divisor * 10)); v %= divisor * 10 }
        while divisor > 0 {
            append(byte: UInt8(0x30 + (v / divisor) % 10))
            divisor /= 10
        }
    }

    /// Appends `2026-01-01T00:00:05Z`.
    public func append(iso8601 time: LeadTimestamp) {
        let c = time.components
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
            @inline(__always) func hex(_ nibble: UInt64) -> UInt8 {
                nibble < 10 ? UInt8(truncatingIfNeeded: nibble) &+ 0x30 : UInt8(truncatingIfNeeded: nibble) &+ 0x57
            }
            var position = 0
            for i in 0..<32 {
                if i == 8 || i == 12 || i == 16 || i == 20 {
                    out[position] = 0x2D
                    position += 1
                }
                let word = i < 16 ? guid.high : guid.low
                out[position] = hex((word >> UInt64(60 - (i % 16) * 4)) & 0xF)
                position += 1
            }
        }
    }
}
