/// A version-4-shaped GUID drawn from the seeded generator, used as the Azure Table RowKey
/// (reference notes §2.2: "unique per lead, probably a GUID", [INF]).
///
/// Not `Foundation.UUID()`: that draws from the system RNG and would break byte-identical output.
public struct LeadGUID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The high 64 bits.
    public var high: UInt64
    /// The low 64 bits.
    public var low: UInt64

    /// Draws a GUID, setting the version (4) and RFC 4122 variant bits.
    public init<G: RandomNumberGenerator>(using rng: inout G) {
        high = (rng.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (rng.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    }

    /// Lowercase `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
    public var description: String {
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if i == 8 || i == 12 { out.append(0x2D) }
            out.append(hex[Int((high >> UInt64(shift)) & 0xF)])
        }
        for (i, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if i == 0 || i == 4 { out.append(0x2D) }
            out.append(hex[Int((low >> UInt64(shift)) & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
