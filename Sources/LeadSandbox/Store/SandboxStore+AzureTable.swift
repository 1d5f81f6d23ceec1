import Foundation
import GRDB

/// One stored Table entity.
struct StoredEntity: Sendable {
    let partitionKey: String
    let rowKey: String
    let timestamp: String
    let etag: String
    /// The custom properties (and their `@odata.type` annotations) as a JSON object string.
    let properties: String
}

extension SandboxStore {
    /// Creates a table; false when one of that name (case-insensitively) exists.
    func createTable(account: String, name: String) async throws -> Bool {
        try await writer.write { db in
            let exists =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM azure_tables WHERE account = ? AND lower_name = ?",
                    arguments: [account, name.lowercased()]) ?? false
            if exists { return false }
            try db.execute(
                sql: "INSERT INTO azure_tables (account, name, lower_name) VALUES (?, ?, ?)",
                arguments: [account, name, name.lowercased()])
            return true
        }
    }

    /// The stored spelling of a table, or nil.
    func tableName(account: String, name: String) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT name FROM azure_tables WHERE account = ? AND lower_name = ?",
                arguments: [account, name.lowercased()])
        }
    }

    /// Every table of an account, in name order.
    func tables(account: String) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM azure_tables WHERE account = ? ORDER BY lower_name", arguments: [account])
        }
    }

    /// Deletes a table and its entities; false when it did not exist.
    func deleteTable(account: String, name: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM azure_entities WHERE account = ? AND table_lower = ?",
                arguments: [account, name.lowercased()])
            try db.execute(
                sql: "DELETE FROM azure_tables WHERE account = ? AND lower_name = ?",
                arguments: [account, name.lowercased()])
            return db.changesCount > 0
        }
    }

    /// Inserts an entity; false when one with the same keys exists.
    func insertEntity(account: String, table: String, entity: StoredEntity) async throws -> Bool {
        try await writer.write { db in
            let exists =
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM azure_entities WHERE account = ? AND table_lower = ? AND pk = ? AND rk = ?",
                    arguments: [account, table.lowercased(), entity.partitionKey, entity.rowKey]) ?? false
            if exists { return false }
            try db.execute(
                sql: """
                    INSERT INTO azure_entities (account, table_lower, pk, rk, timestamp, etag, properties, marker)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    account, table.lowercased(), entity.partitionKey, entity.rowKey, entity.timestamp, entity.etag,
                    entity.properties, Self.marker(in: entity.properties),
                ])
            return true
        }
    }

    /// One entity, or nil.
    func entity(account: String, table: String, partitionKey: String, rowKey: String) async throws -> StoredEntity? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT pk, rk, timestamp, etag, properties FROM azure_entities WHERE account = ? AND table_lower = ? AND pk = ? AND rk = ?",
                arguments: [account, table.lowercased(), partitionKey, rowKey]
            ).map(Self.entity(from:))
        }
    }

    /// Entities in (PartitionKey, RowKey) order starting at a continuation point; the caller
    /// filters, so it reads in pages.
    func entities(account: String, table: String, after continuation: (String, String)?, limit: Int) async throws
        -> [StoredEntity]
    {
        try await writer.read { db in
            if let (pk, rk) = continuation {
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT pk, rk, timestamp, etag, properties FROM azure_entities
                        WHERE account = ? AND table_lower = ? AND (pk > ? OR (pk = ? AND rk >= ?)) ORDER BY pk, rk LIMIT ?
                        """, arguments: [account, table.lowercased(), pk, pk, rk, limit]
                ).map(Self.entity(from:))
            }
            return try Row.fetchAll(
                db,
                sql:
                    "SELECT pk, rk, timestamp, etag, properties FROM azure_entities WHERE account = ? AND table_lower = ? ORDER BY pk, rk LIMIT ?",
                arguments: [account, table.lowercased(), limit]
            ).map(Self.entity(from:))
        }
    }

    /// Deletes an entity if its etag matches (`*` matches any); the outcome says which.
    func deleteEntity(account: String, table: String, partitionKey: String, rowKey: String, ifMatch: String)
        async throws -> EntityDeletion
    {
        try await writer.write { db in
            guard
                let etag = try String.fetchOne(
                    db,
                    sql: "SELECT etag FROM azure_entities WHERE account = ? AND table_lower = ? AND pk = ? AND rk = ?",
                    arguments: [account, table.lowercased(), partitionKey, rowKey])
            else { return .notFound }
            guard ifMatch == "*" || ifMatch == etag else { return .etagMismatch }
            try db.execute(
                sql: "DELETE FROM azure_entities WHERE account = ? AND table_lower = ? AND pk = ? AND rk = ?",
                arguments: [account, table.lowercased(), partitionKey, rowKey])
            return .deleted
        }
    }

    private static func entity(from row: Row) -> StoredEntity {
        StoredEntity(
            partitionKey: row["pk"], rowKey: row["rk"], timestamp: row["timestamp"], etag: row["etag"],
            properties: row["properties"])
    }
}

/// What a conditional delete did.
enum EntityDeletion: Sendable {
    case deleted, notFound, etagMismatch
}
