import Foundation
import GRDB

/// The sandbox's state, in SQLite through GRDB. Every write commits before the service answers,
/// so a lead the sandbox acknowledged survives a SIGKILL (WAL journal; `synchronous=NORMAL`
/// loses nothing on a process crash, only on power loss).
public final class SandboxStore: Sendable {
    let writer: any DatabaseWriter

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
        try migrate()
    }

    private func migrate() throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
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
        try migrator.migrate(writer)
    }

    /// The first leadcheck marker in `text` (`LCTEST_<run>_<n>`, any case), normalised to
    /// `LCTEST_<run>_<n>`; inspection filters on it.
    static func marker(in text: String) -> String? {
        guard let range = text.range(of: #"(?i)lctest_[a-z0-9]{4,16}_[0-9]+"#, options: .regularExpression) else { return nil }
        let found = text[range]
        return "LCTEST_" + found.dropFirst("LCTEST_".count).lowercased()
    }
}
