import Foundation
import GRDB

extension SandboxStore {
    /// Stores one lead the HTTPS sink accepted; returns its id.
    @discardableResult
    func insertHTTPSLead(path: String, headers: [(String, String)], body: [UInt8]) async throws -> Int64 {
        let headerJSON = String(decoding: try JSONSerialization.data(withJSONObject: headers.map { [$0.0, $0.1] }), as: UTF8.self)
        let marker = Self.marker(in: String(decoding: body, as: UTF8.self))
        let now = ISO8601DateFormatter().string(from: Date())
        return try await writer.write { db in
            try db.execute(sql: "INSERT INTO https_leads (received_at, path, headers, body, marker) VALUES (?, ?, ?, ?, ?)",
                           arguments: [now, path, headerJSON, Data(body), marker])
            return db.lastInsertedRowID
        }
    }
}
