import LeadModel

/// Where `send` gets its leads: generated in place or read back from a lead-record file.
/// A feed is used from one thread at a time, but that thread may change (a burst's libcurl
/// threads take turns), so its type must be usable from any of them.
public protocol LeadFeed: SendableMetatype {
    /// The next lead, or `nil` when there are no more.
    mutating func next() throws(LeadCheckError) -> Lead?
}
