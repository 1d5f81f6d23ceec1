import Foundation
import GRDB

/// One stored lead as the inspection API lists it.
public struct InspectedLead: Sendable, Codable, Hashable {
    /// `https`, `azure-table`, `dynamics`, `salesforce` or `marketo`.
    public var destination: String
    /// The store's id for it: the HTTPS row id, or `account/table/PartitionKey/RowKey`.
    public var id: String
    /// The leadcheck marker found in it, if any; leads without one are "real" (pre-seeded).
    public var marker: String?
    /// When it was stored.
    public var storedAt: String
    /// The stored record: the HTTPS body, or the entity's properties, as JSON text.
    public var record: String
}

extension SandboxStore {
    /// Stored leads, optionally only those whose marker starts with `markerPrefix`.
    public func inspect(destination: String?, markerPrefix: String?) async throws -> [InspectedLead] {
        try await writer.read { db in
            var leads: [InspectedLead] = []
            let filter = markerPrefix.map { _ in " WHERE substr(marker, 1, ?) = ?" } ?? ""
            let arguments: StatementArguments = markerPrefix.map { [$0.count, $0] } ?? []
            if destination == nil || destination == "https" {
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, received_at, marker, body FROM https_leads\(filter) ORDER BY id",
                    arguments: arguments)
                {
                    let body: Data = row["body"]
                    leads.append(
                        InspectedLead(
                            destination: "https", id: String(row["id"] as Int64), marker: row["marker"],
                            storedAt: row["received_at"],
                            record: String(decoding: body, as: UTF8.self)))
                }
            }
            if destination == nil || destination == "azure-table" {
                for row in try Row.fetchAll(
                    db,
                    sql:
                        "SELECT account, table_lower, pk, rk, timestamp, marker, properties FROM azure_entities\(filter) ORDER BY account, table_lower, pk, rk",
                    arguments: arguments)
                {
                    let parts: [String] = [row["account"], row["table_lower"], row["pk"], row["rk"]]
                    let id = parts.joined(separator: "/")
                    leads.append(
                        InspectedLead(
                            destination: "azure-table", id: id, marker: row["marker"], storedAt: row["timestamp"],
                            record: row["properties"]))
                }
            }
            if destination == nil || destination == "dynamics" {
                for row in try Row.fetchAll(
                    db,
                    sql: "SELECT id, created_on, marker, record FROM dynamics_leads\(filter) ORDER BY created_on, id",
                    arguments: arguments)
                {
                    leads.append(
                        InspectedLead(
                            destination: "dynamics", id: row["id"], marker: row["marker"], storedAt: row["created_on"],
                            record: row["record"]))
                }
            }
            if destination == nil || destination == "salesforce" {
                for row in try Row.fetchAll(
                    db,
                    sql:
                        "SELECT id, created_date, marker, record FROM salesforce_leads\(filter) ORDER BY created_date, id",
                    arguments: arguments)
                {
                    leads.append(
                        InspectedLead(
                            destination: "salesforce", id: row["id"], marker: row["marker"],
                            storedAt: row["created_date"], record: row["record"]))
                }
            }
            if destination == nil || destination == "marketo" {
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, updated_at, marker, record FROM marketo_leads\(filter) ORDER BY id",
                    arguments: arguments)
                {
                    leads.append(
                        InspectedLead(
                            destination: "marketo", id: String(row["id"] as Int64), marker: row["marker"],
                            storedAt: row["updated_at"], record: row["record"]))
                }
            }
            return leads
        }
    }
}
