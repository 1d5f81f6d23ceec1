import LeadModel

/// What removing one stored lead did. Only `.removed` lets a journal say the lead is gone.
public enum Removal: Sendable {
    /// This many records carrying the marker were deleted (at least one).
    case removed(Int)
    /// Nothing carrying the marker is stored, or not yet visible (Web-to-Lead, a flow).
    case notFound
    /// The destination keeps the lead where leadcheck cannot delete it (an HTTPS endpoint with
    /// no `readback:`, whose flow stores it somewhere unknown); why.
    case notKept(String)
    /// The removal failed.
    case failed([Finding])

    /// The findings of a failed removal.
    public var findings: [Finding] {
        if case .failed(let findings) = self { return findings }
        return []
    }
}
