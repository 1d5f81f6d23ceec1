import Foundation
import GRDB

extension SandboxStore {
    /// Stores a Salesforce Lead (JSON object text).
    func insertSalesforceLead(id: String, createdDate: String, record: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO salesforce_leads (id, created_date, record, marker) VALUES (?, ?, ?, ?)",
                arguments: [id, createdDate, record, Self.marker(in: record)])
        }
    }

    /// Every Salesforce Lead, oldest first.
    func salesforceLeads() async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT record FROM salesforce_leads ORDER BY created_date, id")
        }
    }

    /// One Lead by id.
    func salesforceLead(id: String) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT record FROM salesforce_leads WHERE id = ?", arguments: [id])
        }
    }

    /// Deletes a Lead; false when it did not exist.
    func deleteSalesforceLead(id: String) async throws -> Bool {
        try await deleteRow(table: "salesforce_leads", id: id)
    }
}
