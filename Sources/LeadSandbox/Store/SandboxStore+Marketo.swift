import Foundation
import GRDB
import LeadModel

extension SandboxStore {
    /// Creates or updates the Marketo lead with this email (case-insensitively); returns its id
    /// and whether it was created.
    func upsertMarketoLead(email: String, fields: [String: SandboxJSON], allowCreate: Bool, allowUpdate: Bool)
        async throws -> (id: Int64, created: Bool)?
    {
        try await writer.write { db in
            let now = SandboxJSON.string(SandboxDate.iso8601())
            if let row = try Row.fetchOne(
                db, sql: "SELECT id, record FROM marketo_leads WHERE email = ? ORDER BY id LIMIT 1",
                arguments: [email.lowercased()])
            {
                guard allowUpdate else { return nil }
                var record = SandboxJSON.parseObject(row["record"] as String) ?? [:]
                for (key, value) in fields { record[key] = value }
                record["updatedAt"] = now
                let text = SandboxJSON.object(record).text
                try db.execute(
                    sql: "UPDATE marketo_leads SET record = ?, updated_at = ?, marker = ? WHERE id = ?",
                    arguments: [text, now.string, Self.marker(in: text), row["id"] as Int64])
                return (row["id"], false)
            }
            guard allowCreate else { return nil }
            try db.execute(
                sql:
                    "INSERT INTO marketo_leads (email, created_at, updated_at, record, marker) VALUES (?, ?, ?, '{}', NULL)",
                arguments: [email.lowercased(), now.string, now.string])
            let id = db.lastInsertedRowID
            var record = fields
            record["id"] = SandboxJSON(id)
            record["createdAt"] = now
            record["updatedAt"] = now
            let text = SandboxJSON.object(record).text
            try db.execute(
                sql: "UPDATE marketo_leads SET record = ?, marker = ? WHERE id = ?",
                arguments: [text, Self.marker(in: text), id])
            return (id, true)
        }
    }

    /// Leads whose email is one of these (case-insensitively).
    func marketoLeads(emails: [String]) async throws -> [[String: SandboxJSON]] {
        let texts = try await writer.read { db in
            try emails.flatMap { email in
                try String.fetchAll(
                    db, sql: "SELECT record FROM marketo_leads WHERE email = ? ORDER BY id",
                    arguments: [email.lowercased()])
            }
        }
        return texts.compactMap { SandboxJSON.parseObject($0) }
    }

    /// Deletes a lead by id; false when it did not exist.
    func deleteMarketoLead(id: Int64) async throws -> Bool {
        try await deleteRow(table: "marketo_leads", id: id)
    }
}
