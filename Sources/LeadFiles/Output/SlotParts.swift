/// The bytes an encoder keeps for each plan slot of one generator (see
/// `LeadEncoder.encode(_:into:slotPart:)`), for one thread writing a stream.
///
/// `@unchecked Sendable`: it is handed to the worker thread that owns it and used only there.
final class SlotParts: @unchecked Sendable {
    var parts: [[UInt8]?]

    /// Nothing kept yet for any of `count` slots.
    init(count: Int) { parts = Array(repeating: nil, count: count) }
}
