import LeadModel

/// Turns one lead into the exact bytes of one destination's request body (or one fixture
/// record). Implementations are pure: no I/O, no clock, no randomness.
public protocol LeadEncoder: Sendable {
    /// Appends the encoding of `lead` to `buffer`.
    func encode(_ lead: Lead, into buffer: inout WireBuffer)

    /// Appends the encoding of `lead` to `buffer`, reusing `slotPart`: bytes this encoder kept
    /// from an earlier lead of the same generator and plan slot, which shares the pair, variant,
    /// limit edge, locale, offer and run id. An encoder that keeps nothing leaves it alone.
    func encode(_ lead: Lead, into buffer: inout WireBuffer, slotPart: inout [UInt8]?)
}

extension LeadEncoder {
    /// Keeps nothing: encodes `lead` whole.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer, slotPart: inout [UInt8]?) {
        encode(lead, into: &buffer)
    }

    /// The encoding of `lead` as bytes.
    public func encode(_ lead: Lead) -> [UInt8] {
        var buffer = WireBuffer(capacity: 1024)
        encode(lead, into: &buffer)
        return buffer.bytes
    }

    /// The encoding of `lead` as a String.
    public func encodedString(_ lead: Lead) -> String { String(decoding: encode(lead), as: UTF8.self) }
}
