import Foundation
import LeadModel

/// Appends capture records to an NDJSON file (or standard output, `-`), each line written and
/// flushed whole before the request is answered.
public final class CaptureLog: Sendable {
    private let file: AppendOnlyFile

    /// Opens `path` for appending (creating it, `0600`: it holds real lead data), or standard
    /// output for `-`.
    public init(path: String) throws(LeadCheckError) {
        file = try AppendOnlyFile(path: path, label: "leadcheck.capture")
    }

    /// Appends one record as a line; a line that could not be written is an error.
    public func append(_ record: CaptureRecord) async throws(LeadCheckError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(record) else {
            throw .outputUnwritable(path: file.path, reason: "cannot encode a record")
        }
        line.append(0x0A)
        try await file.append(line)
    }
}
