import Foundation
import GRDB

/// The sandbox's state, in SQLite through GRDB. Every write commits before the service answers,
/// so a lead the sandbox acknowledged survives a SIGKILL (WAL journal; `synchronous=NORMAL`
/// loses nothing on a process crash, only on power loss).
public final class SandboxStore: Sendable {
    let writer: any DatabaseWriter
    /// Group commit for the HTTPS sink, the one service under burst load.
    let httpsBatcher: WriteBatcher<HTTPSLeadRow>

    /// Opens the store at `path`, or in memory when `path` is nil.
    public init(path: String?) throws {
        if let path {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            writer = try DatabasePool(path: path, configuration: configuration)
        } else {
            writer = try DatabaseQueue()
        }
        httpsBatcher = WriteBatcher(name: "lc-sink-writer") { [writer] rows in try Self.writeHTTPSLeads(writer, rows) }
        try migrate()
    }

    deinit { httpsBatcher.stop() }

    private func migrate() throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE https_leads (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, received_at TEXT NOT NULL, path TEXT NOT NULL,
                        headers TEXT NOT NULL, body BLOB NOT NULL, marker TEXT);
                    CREATE INDEX https_leads_marker ON https_leads(marker);
                    CREATE TABLE azure_tables (
                        account TEXT NOT NULL, name TEXT NOT NULL, lower_name TEXT NOT NULL,
                        PRIMARY KEY (account, lower_name));
                    CREATE TABLE azure_entities (
                        account TEXT NOT NULL, table_lower TEXT NOT NULL, pk TEXT NOT NULL, rk TEXT NOT NULL,
                        timestamp TEXT NOT NULL, etag TEXT NOT NULL, properties TEXT NOT NULL, marker TEXT,
                        PRIMARY KEY (account, table_lower, pk, rk));
                    CREATE INDEX azure_entities_marker ON azure_entities(marker);
                    """)
        }
        migrator.registerMigration("v2-dynamics") { db in
            try db.execute(
                sql: """
                    CREATE TABLE dynamics_leads (id TEXT PRIMARY KEY, created_on TEXT NOT NULL, record TEXT NOT NULL, marker TEXT);
                    CREATE INDEX dynamics_leads_marker ON dynamics_leads(marker);
                    """)
        }
        migrator.registerMigration("v3-salesforce") { db in
            try db.execute(
                sql: """
                    CREATE TABLE salesforce_leads (id TEXT PRIMARY KEY, created_date TEXT NOT NULL, record TEXT NOT NULL, marker TEXT);
                    CREATE INDEX salesforce_leads_marker ON salesforce_leads(marker);
                    """)
        }
        migrator.registerMigration("v4-marketo") { db in
            try db.execute(
                sql: """
                    CREATE TABLE marketo_leads (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL, created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL, record TEXT NOT NULL, marker TEXT);
                    CREATE INDEX marketo_leads_email ON marketo_leads(email);
                    CREATE INDEX marketo_leads_marker ON marketo_leads(marker);
                    """)
        }
        try migrator.migrate(writer)
    }

    /// Deletes the row with this id from one of the sandbox's own tables; false when there was none.
    func deleteRow(table: String, id: some DatabaseValueConvertible & Sendable) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM \(table) WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// Deletes the stored leads of one destination carrying exactly this marker (or, with
    /// `prefix`, any marker starting with it); returns how many.
    func deleteTestLeads(destination: String, marker: String, prefix: Bool = false) async throws -> Int {
        let tables = [
            "https": "https_leads", "azure-table": "azure_entities", "dynamics": "dynamics_leads",
            "salesforce": "salesforce_leads", "marketo": "marketo_leads",
        ]
        guard let table = tables[destination] else { return 0 }
        return try await writer.write { db in
            if prefix {
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE substr(marker, 1, ?) = ?", arguments: [marker.count, marker])
            } else {
                try db.execute(sql: "DELETE FROM \(table) WHERE marker = ?", arguments: [marker])
            }
            return db.changesCount
        }
    }

    /// The first test marker in `text` — leadcheck's `LCTEST_<run>_<n>` (any case, normalised
    /// to that form) or the token of Microsoft's Validate lead, `MSFT_TEST_` and 18 digits
    /// (docs/reference/lead.md §2); inspection filters on it.
    static func marker(in text: String) -> String? { marker(inUTF8: Array(text.utf8)) }

    /// The same over UTF-8 bytes, by a plain scan (this runs for every stored lead).
    static func marker(inUTF8 bytes: [UInt8]) -> String? {
        leadcheckMarker(inUTF8: bytes) ?? microsoftTestToken(inUTF8: bytes)
    }

    /// `MSFT_TEST_` (exactly so) followed by 18 digits and no further digit.
    static func microsoftTestToken(inUTF8 bytes: [UInt8]) -> String? {
        let prefix = Array("MSFT_TEST_".utf8)
        var i = 0
        while i + prefix.count + 18 <= bytes.count {
            if bytes[i] == prefix[0], Array(bytes[i..<(i + prefix.count)]) == prefix {
                let digits = bytes[(i + prefix.count)...].prefix { (0x30...0x39).contains($0) }
                if digits.count == 18 { return String(decoding: bytes[i..<(i + prefix.count + 18)], as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }

    static func leadcheckMarker(inUTF8 bytes: [UInt8]) -> String? {
        let prefix = Array("lctest_".utf8)
        func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b | 0x20 : b }
        func isAlnum(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x61...0x7A).contains(lower(b)) }
        var i = 0
        while i + prefix.count < bytes.count {
            var matches = true
            for j in 0..<prefix.count where lower(bytes[i + j]) != prefix[j] {
                matches = false
                break
            }
            if matches {
                var k = i + prefix.count
                let runStart = k
                while k < bytes.count, isAlnum(bytes[k]) { k += 1 }
                let runLength = k - runStart
                if (4...16).contains(runLength), k < bytes.count, bytes[k] == UInt8(ascii: "_") {
                    var d = k + 1
                    while d < bytes.count, (0x30...0x39).contains(bytes[d]) { d += 1 }
                    if d > k + 1 {
                        let run = String(decoding: bytes[runStart..<k].map(lower), as: UTF8.self)
                        let number = String(decoding: bytes[(k + 1)..<d], as: UTF8.self)
                        return "LCTEST_\(run)_\(number)"
                    }
                }
            }
            i += 1
        }
        return nil
    }
}
