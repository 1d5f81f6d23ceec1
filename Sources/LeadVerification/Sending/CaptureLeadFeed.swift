import LeadFiles
import LeadModel

/// The leads captured requests carried (`leadcheck listen`'s NDJSON), read into the lead model
/// one per record, for delivery to a destination that is not the endpoint they were sent to.
public final class CaptureLeadFeed: LeadFeed {
    private let reader: LineReader
    private let runID: RunID
    private let offer: Offer
    private let limit: Int?
    private var sequence = 0

    /// Reads the capture at `path`; at most `limit` leads (`send --count`).
    public init(path: String, runID: RunID, offer: Offer, limit: Int? = nil) throws(LeadCheckError) {
        reader = try LineReader(path: path)
        self.runID = runID
        self.offer = offer
        self.limit = limit
    }

    /// The next captured lead.
    public func next() throws(LeadCheckError) -> Lead? {
        if let limit, sequence >= limit { return nil }
        while let line = try reader.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let location = "\(reader.name):\(reader.lineNumber)"
            guard let record = CaptureRecord.decode(line) else {
                throw .invalidInput(location: location, reason: "not a leadcheck listen capture record")
            }
            sequence += 1
            return try CapturedLead.lead(
                from: record, runID: runID, sequence: sequence, offer: offer, location: location)
        }
        return nil
    }
}
