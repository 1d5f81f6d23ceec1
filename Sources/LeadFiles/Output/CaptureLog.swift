import Foundation
import LeadModel

/// Appends capture records to an NDJSON file (or standard output, `-`), each line written and
/// flushed whole before the request is answered; the writes run on a queue of their own, never
/// on Swift's cooperative pool.
public final class CaptureLog: @unchecked Sendable {
    private let handle: FileHandle
    private let queue = DispatchQueue(label: "leadcheck.capture")
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Opens `path` for appending (creating it), or standard output for `-`.
    public init(path: String) throws(LeadCheckError) {
        if path == "-" {
            handle = FileHandle.standardOutput
            return
        }
        if !FileManager.default.fileExists(atPath: path), !FileManager.default.createFile(atPath: path, contents: nil) {
            throw .outputUnwritable(path: path, reason: "cannot create it")
        }
        guard let opened = FileHandle(forWritingAtPath: path) else { throw .outputUnwritable(path: path, reason: "cannot open it for writing") }
        opened.seekToEndOfFile()
        handle = opened
    }

    /// Appends one record as a line.
    public func append(_ record: CaptureRecord) async {
        guard var encoded = try? encoder.encode(record) else { return }
        encoded.append(0x0A)
        let line = encoded, handle = handle
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                handle.write(line)
                try? handle.synchronize()
                continuation.resume()
            }
        }
    }
}
