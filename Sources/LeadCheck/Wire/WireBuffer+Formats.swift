extension WireBuffer {
    private static let lowerHex = Array("0123456789abcdef".utf8)

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

    /// Appends a GUID as lowercase `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
    public func append(guid: LeadGUID) {
        for (i, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if i == 8 || i == 12 { append(byte: 0x2D) }
            append(byte: Self.lowerHex[Int((guid.high >> UInt64(shift)) & 0xF)])
        }
        for (i, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if i == 0 || i == 4 { append(byte: 0x2D) }
            append(byte: Self.lowerHex[Int((guid.low >> UInt64(shift)) & 0xF)])
        }
    }
}
