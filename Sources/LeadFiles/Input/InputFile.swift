import Foundation
import LeadModel

/// Reads a whole input file (config, Partner Center document) with a size cap, so a wrong path
/// or a huge file is a clear error naming it rather than a crash or a stall.
public enum InputFile {
    /// The file's bytes; at most `maxBytes`.
    public static func read(_ path: String, maxBytes: Int) throws(LeadCheckError) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .inputUnreadable(
                path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
        guard data.count <= maxBytes else {
            throw .invalidInput(location: path, reason: "the file is larger than \(maxBytes) bytes")
        }
        return data
    }
}
