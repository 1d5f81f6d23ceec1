import LeadModel

/// What delivering one lead did.
public enum Delivery: Sendable {
    /// Accepted; the receipt (keys, id, marker) finds the stored record.
    case accepted(receipt: Receipt)
    /// Refused or unreachable.
    case failed([Finding])
}
