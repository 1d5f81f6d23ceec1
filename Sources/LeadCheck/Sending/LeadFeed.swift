/// Where `send` gets its leads: generated in place or read back from a lead-record file.
public protocol LeadFeed {
    /// The next lead, or `nil` when there are no more.
    mutating func next() throws(LeadCheckError) -> Lead?
}
