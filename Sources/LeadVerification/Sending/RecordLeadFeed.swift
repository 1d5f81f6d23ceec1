import LeadFiles
import LeadModel

/// Leads read from NDJSON lead records (a file or standard input), one per line; blank lines
/// are skipped. With `limit`, reading stops after that many leads.
public final class RecordLeadFeed: LeadFeed {
    private let reader: LineReader
    private let decoder = LeadRecordDecoder()
    private let limit: Int?
    private var delivered = 0

    /// Reads `path` (`-` for standard input).
    public init(path: String, limit: Int? = nil) throws(LeadCheckError) {
        reader = try LineReader(path: path)
        self.limit = limit
    }

    /// The next lead in the file.
    public func next() throws(LeadCheckError) -> Lead? {
        if let limit, delivered >= limit { return nil }
        while let line = try reader.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            delivered += 1
            return try decoder.decode(line, location: "\(reader.name):\(reader.lineNumber)")
        }
        return nil
    }
}
