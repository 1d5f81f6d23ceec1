import Foundation
import LeadModel

/// One request `leadcheck listen` received, as a line of its NDJSON capture: when, the method
/// and target (with `sig`/`code` values masked), the headers in arrival order (credentials
/// masked), the body — its exact text when it is UTF-8, else base64 — and the answer given.
/// `send --input` replays such lines.
public struct CaptureRecord: Sendable, Hashable, Codable {
    /// The answer the sender got.
    public struct Answer: Sendable, Hashable, Codable {
        public var status: Int
        public var headers: [[String]]?
        public var body: String?
        public var bodyBase64: String?
        /// Where the request was forwarded (its secrets masked), when it was.
        public var forwardedTo: String?
        /// Why forwarding failed, when it did (the answer is then listen's own 502).
        public var forwardError: String?

        /// Creates an answer.
        public init(
            status: Int, headers: [[String]]? = nil, bytes: [UInt8] = [], forwardedTo: String? = nil,
            forwardError: String? = nil
        ) {
            self.status = status
            self.headers = headers
            (body, bodyBase64) = CaptureRecord.encode(bytes)
            self.forwardedTo = forwardedTo
            self.forwardError = forwardError
        }
    }

    public var receivedAt: String
    public var method: String
    public var target: String
    public var headers: [[String]]
    public var body: String?
    public var bodyBase64: String?
    public var answer: Answer?

    /// Creates a record of `bytes`.
    public init(
        receivedAt: String, method: String, target: String, headers: [[String]], bytes: [UInt8], answer: Answer?
    ) {
        self.receivedAt = receivedAt
        self.method = method
        self.target = target
        self.headers = headers
        (body, bodyBase64) = Self.encode(bytes)
        self.answer = answer
    }

    /// Headers of the hop, not of the request: sending a captured request on (forward, replay)
    /// leaves them to the transport, which sets the content type with the body.
    public static let hopHeaders: Set<String> = [
        "host", "content-length", "transfer-encoding", "connection", "expect", "content-type",
    ]

    /// The body's bytes, exactly as received.
    public var bytes: [UInt8] {
        if let body { return Array(body.utf8) }
        return bodyBase64.flatMap { Data(base64Encoded: $0) }.map(Array.init) ?? []
    }

    /// The first header named `name` (case-insensitively).
    public func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }.flatMap { $0.count > 1 ? $0[1] : nil }
    }

    /// Text when the bytes are UTF-8 (and survive the round trip), else base64.
    static func encode(_ bytes: [UInt8]) -> (String?, String?) {
        if let text = String(validating: bytes, as: UTF8.self), Array(text.utf8) == bytes { return (text, nil) }
        return (nil, Data(bytes).base64EncodedString())
    }

    /// The record on a JSON line, nil when the line is not one (a lead record, say).
    public static func decode(_ line: [UInt8]) -> CaptureRecord? {
        guard let record = try? JSONDecoder().decode(CaptureRecord.self, from: Data(line)), !record.method.isEmpty,
            !record.headers.isEmpty
        else { return nil }
        // A body that is not valid base64 would replay as an empty body: not a record then.
        if let base64 = record.bodyBase64, Data(base64Encoded: base64) == nil { return nil }
        return record
    }

    /// The records of a capture file, or nil when its first record line is not one.
    public static func readAll(path: String) throws(LeadCheckError) -> [CaptureRecord]? {
        let reader = try LineReader(path: path)
        var records: [CaptureRecord] = []
        while let line = try reader.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let record = decode(line) else {
                if records.isEmpty { return nil }
                throw .invalidInput(
                    location: "\(reader.name):\(reader.lineNumber)",
                    reason: "not a leadcheck listen capture record, while the lines before it are")
            }
            records.append(record)
        }
        return records.isEmpty ? nil : records
    }
}
