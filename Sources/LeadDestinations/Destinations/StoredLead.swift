/// A test lead as removal knows it: its marker and the receipt that finds the stored record,
/// from the run that sent it or from its journal.
public struct StoredLead: Sendable, Hashable {
    /// The marker.
    public var marker: String
    /// What identifies the stored record (see ``LeadDelivering/receipt(for:)``).
    public var receipt: Receipt

    /// Creates one.
    public init(marker: String, receipt: Receipt) {
        self.marker = marker
        self.receipt = receipt
    }
}
