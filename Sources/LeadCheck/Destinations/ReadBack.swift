/// What reading back one lead found.
public enum ReadBack: Sendable {
    /// The stored values of the fields this destination keeps (`nil` = stored empty/absent).
    case found([LeadField: String?])
    /// Nothing stored for the lead.
    case missing(Finding)
    /// The read itself failed.
    case failed([Finding])
}
