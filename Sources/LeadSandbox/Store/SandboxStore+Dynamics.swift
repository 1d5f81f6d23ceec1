import Foundation
import GRDB

extension SandboxStore {
    /// Stores a Dataverse lead record (JSON object text) under its id.
    func insertDynamicsLead(id: String, createdOn: String, record: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO dynamics_leads (id, created_on, record, marker) VALUES (?, ?, ?, ?)",
                arguments: [id, createdOn, record, Self.marker(in: record)])
        }
    }

    /// Every Dataverse lead, oldest first.
    func dynamicsLeads() async throws -> [(id: String, record: String)] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, record FROM dynamics_leads ORDER BY created_on, id").map {
                ($0["id"], $0["record"])
            }
        }
    }

    /// One Dataverse lead.
    func dynamicsLead(id: String) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT record FROM dynamics_leads WHERE id = ?", arguments: [id])
        }
    }

    /// Deletes a Dataverse lead; false when it did not exist.
    func deleteDynamicsLead(id: String) async throws -> Bool {
        try await deleteRow(table: "dynamics_leads", id: id)
    }
}
