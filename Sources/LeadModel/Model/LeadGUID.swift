/// A version-4-shaped GUID drawn from the seeded generator, used as the Azure Table RowKey
/// (docs/reference/azure-table.md §2: "unique per lead, probably a GUID", [INF]).
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

    /// The GUID XOR-ed with a salt, version and variant bits kept.
    func salted(_ salt: (high: UInt64, low: UInt64)) -> LeadGUID {
        var copy = self
        copy.high = ((high ^ salt.high) & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        copy.low = ((low ^ salt.low) & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return copy
    }

    /// Lowercase `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
    public var description: String {
        let buffer = WireBuffer(capacity: 36)
        buffer.append(guid: self)
        return buffer.string
    }
}
