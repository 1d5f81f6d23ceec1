import Foundation
import GRDB
import HTTPTypes
import LeadModel

/// One lead the HTTPS sink accepted, ready to store.
struct HTTPSLeadRow: Sendable {
    let receivedAt: String
    let path: String
    let headers: String
    let body: [UInt8]
    let marker: String?
}

extension SandboxStore {
    /// Stores one lead the HTTPS sink accepted (group-committed with concurrent ones); returns
    /// its id once committed.
    @discardableResult
    func insertHTTPSLead(_ row: HTTPSLeadRow) async throws -> Int64 {
        try await httpsBatcher.submit(row)
    }

    /// The row for one accepted lead: headers as a JSON array of `[name, value]` pairs in order,
    /// the raw body, and the marker inspection filters on.
    static func httpsLeadRow(path: String, headers: HTTPFields, body: [UInt8]) -> HTTPSLeadRow {
        let encoded = SandboxJSON.array(headers.map { .array([.string($0.name.rawName), .string($0.value)]) })
        return HTTPSLeadRow(
            receivedAt: SandboxDate.iso8601(), path: path,
            headers: encoded.text, body: body, marker: marker(inUTF8: body)
        )
    }

    /// Writes a batch of HTTPS leads in one transaction.
    static func writeHTTPSLeads(_ writer: any DatabaseWriter, _ rows: [HTTPSLeadRow]) throws -> [Int64] {
        try writer.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT INTO https_leads (received_at, path, headers, body, marker) VALUES (?, ?, ?, ?, ?)")
            var ids: [Int64] = []
            ids.reserveCapacity(rows.count)
            for row in rows {
                try statement.execute(arguments: [row.receivedAt, row.path, row.headers, Data(row.body), row.marker])
                ids.append(db.lastInsertedRowID)
            }
            return ids
        }
    }
}
