import LeadModel

/// What reading back one lead found.
public enum ReadBack: Sendable {
    /// The stored values of the fields this destination keeps (`nil` = stored empty/absent).
    case found([LeadField: String?])
    /// Nothing stored for the lead.
    case missing(Finding)
    /// The read itself failed.
    case failed([Finding])
    /// The destination stored the lead but leadcheck may not read it (a write-only account, as
    /// Microsoft's connector needs): a warning; the lead is not removed and stays journaled.
    case denied(Finding)
}
