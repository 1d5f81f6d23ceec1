import ArgumentParser
import Foundation
import LeadDestinations
import LeadFiles
import LeadModel
import LeadTransport
import LeadVerification

/// `leadcheck reconcile`: which of the leads Partner Center kept (its CSV export) the
/// destination lacks, and, with `--deliver`, deliver those as Microsoft's connector would have.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract:
            "Compare Partner Center's leads export (CSV) with what a destination holds; --deliver delivers the missing ones.",
        discussion: """
            Microsoft keeps every lead in Partner Center's Referrals workspace and leaves recovery to a manual
            export. reconcile reads that CSV (the header row drives it: common names are guessed, --column
            FIELD=HEADER names the others; fields: \(LeadsExport.fields.joined(separator: ", "))), looks each
            lead up in the destination by email and, when the export has an offer column and the store keeps
            the lead source or offer, by offer too (a contact's lead for another offer does not hide a lost
            one), and lists the missing ones. A row without an email (Microsoft
            strips personal data from .edu leads) is unmatchable, not missing.

            --deliver delivers each missing lead with the encoders verify uses, records it in the journal (as a
            real lead: no cleanup removes it), reads it back, and exits 0 when all are there; a re-run finds
            them and delivers nothing twice.

            Exit codes: 0 nothing missing · 2 config or input · 3 the destination could not be read · 4 leads missing.

            Examples:
              leadcheck reconcile --export leads.csv --config leadcheck.yaml --destination crm
              leadcheck reconcile --export leads.csv --config leadcheck.yaml --destination crm --column email="Contact email" --deliver
            """
    )

    @Option(help: "Partner Center's leads export (CSV).")
    var export: String

    @Option(help: "The leadcheck.yaml holding the destination.")
    var config: String

    @Option(help: "The destination to reconcile.")
    var destination: String

    @Option(name: .customLong("column"), help: "FIELD=HEADER: read FIELD from this column (repeatable).")
    var columns: [String] = []

    @Option(help: "Only leads created on or after this date (YYYY-MM-DD), by the export's created column.")
    var since: String?

    @Flag(help: "Deliver the missing leads as Microsoft's connector would, then read them back.")
    var deliver = false

    @Option(help: "Also write the result as JSON.")
    var json: String?

    @OptionGroup var transport: TransportFlags

    struct Outcome: Encodable {
        var destination: String
        var rows: Int
        var found: [String]
        var missing: [String]
        var unmatchable: [Int]
        var delivered: [String]
        var stillMissing: [String]
    }

    func run() async throws {
        var overrides: [String: String] = [:]
        for spec in columns {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, LeadsExport.fields.contains(parts[0]) else {
                throw LeadCheckError.invalidValue(
                    flag: "--column", value: spec,
                    expected: "FIELD=HEADER with FIELD one of \(LeadsExport.fields.joined(separator: ", "))")
            }
            overrides[parts[0]] = parts[1]
        }
        let sinceDate = try since.map { text throws(LeadCheckError) -> Date in
            guard let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) else {
                throw LeadCheckError.invalidValue(flag: "--since", value: text, expected: "a date like 2026-11-30")
            }
            return date
        }
        let table = try CSVTable(
            parsing: String(decoding: try InputFile.read(export, maxBytes: 64 << 20), as: UTF8.self), file: export)
        let exported = try LeadsExport(table, file: export, overrides: overrides)
        let environment = ProcessInfo.processInfo.environment
        let leadcheckConfig = try ConfigLoader.load(path: config, environment: environment)
        let builder = try DestinationBuilder(
            config: leadcheckConfig,
            transport: try transport.options(
                concurrency: 4, defaults: leadcheckConfig.defaults, environment: environment))
        // Delivered to and looked up by email: nothing else of the destination is needed.
        let target: any LeadDelivering & StoredEmailLookup = try builder.make(
            named: destination, askedBy: "--destination")
        defer { builder.client.shutdown() }

        if sinceDate != nil, exported.columns["createdAt"] == nil {
            throw LeadCheckError.invalidInput(
                location: export,
                reason: "--since needs a created-date column; none was found (name it with --column createdAt=HEADER)")
        }
        let undated = exported.rows.filter { row in sinceDate != nil && row.createdAt == nil }
        if let first = undated.first {
            throw LeadCheckError.invalidInput(
                location: "\(export):\(first.line)",
                reason:
                    "'\(first.values["createdAt"] ?? "")' is not a date --since can compare (\(undated.count) such row\(undated.count == 1 ? "" : "s"))"
            )
        }
        let rows = exported.rows.filter { row in
            sinceDate.map { since in (row.createdAt ?? .distantFuture) >= since } ?? true
        }
        let unmatchable = rows.filter { $0.email == nil }
        let matchable = rows.filter { $0.email != nil }
        let emails = Array(Set(matchable.compactMap(\.email))).sorted()
        let redactor = builder.redactor
        let present = try await lookup(target, emails, redactor: redactor)
        func held(_ row: LeadsExport.Row, in found: [String: [String]]) -> Bool {
            EmailPresence.holds(found, email: row.email ?? "", offer: row.values["offerTitle"])
        }
        let missing = matchable.filter { !held($0, in: present) }

        var outcome = Outcome(
            destination: destination, rows: rows.count,
            found: matchable.filter { held($0, in: present) }.compactMap(\.email),
            missing: missing.compactMap(\.email), unmatchable: unmatchable.map(\.line), delivered: [], stillMissing: [])
        let matchedBy = exported.columns["offerTitle"] != nil ? "email and offer" : "email"
        var lines = [
            """
            leadcheck reconcile: \(rows.count) exported lead\(rows.count == 1 ? "" : "s"), matched by\
             \(matchedBy): \(outcome.found.count) in \(destination), \(missing.count) missing,\
             \(unmatchable.count) without an email (unmatchable)
            """
        ]
        for row in missing { lines.append("  missing: \(Self.describe(row)) (\(export):\(row.line))") }
        for row in unmatchable {
            lines.append(
                "  unmatchable: \(export):\(row.line) has no email (Microsoft strips personal data from .edu leads)")
        }

        var readbackFailed = false
        if deliver, !missing.isEmpty {
            let runID = RunID.random()
            let journalPath = RunJournal.defaultPath(runID: runID)
            let journal = try RunJournal(path: journalPath)
            var delivered: [LeadsExport.Row] = []
            // One lead per email and offer, even when the export lists it twice.
            var seen = Set<String>()
            for (index, row) in missing.enumerated() where seen.insert(Self.identity(row)).inserted {
                let lead = exported.lead(row, runID: runID, sequence: index + 1, offer: leadcheckConfig.offer)
                try await journal.append(
                    .init(
                        event: .reconciled, destination: destination, marker: lead.marker,
                        receipt: target.receipt(for: lead)))
                switch await target.deliver(lead) {
                case .accepted: delivered.append(row)
                case .failed(let findings):
                    lines.append(
                        "  could not deliver \(Self.describe(row)): \(findings.map { "[\($0.code.rawValue)] \($0.message)" }.joined(separator: "; "))"
                    )
                }
            }
            outcome.delivered = delivered.compactMap(\.email)
            // Read back: where leads appear late (Web-to-Lead, a flow), look until the window closes.
            var backoff = Backoff(
                first: .milliseconds(250), maximum: .seconds(5), deadline: .now + target.visibilityWindow)
            var still = delivered
            while !still.isEmpty {
                guard
                    let now = try? await lookup(
                        target, Array(Set(still.compactMap(\.email))).sorted(), redactor: redactor)
                else {
                    // What went out is said before the exit: the findings are on stderr already.
                    readbackFailed = true
                    break
                }
                still = still.filter { !held($0, in: now) }
                guard !still.isEmpty, await backoff.wait() else { break }
            }
            outcome.stillMissing = still.compactMap(\.email)
            lines.append(
                "  delivered \(delivered.count) as Microsoft's connector would (journal \(journalPath); real leads, never removed by cleanup); "
                    + (readbackFailed
                        ? "could not read \(destination) back to confirm them"
                        : "\(delivered.count - still.count) now found in \(destination)"))
            for row in still where !readbackFailed {
                lines.append("  still missing after delivery: \(Self.describe(row))")
            }
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try OutputFile.write(
                builder.redactor.redact(String(decoding: try encoder.encode(outcome), as: UTF8.self)) + "\n", to: json)
        }
        Terminal.printStdout(redactor.redact(lines.joined(separator: "\n")))
        if readbackFailed { throw ExitCode(ExitStatus.runtime.rawValue) }
        // Counted per lead (email and offer), not per row: an export may list a lead twice.
        let missingLeads = Set(missing.map(Self.identity)).count
        let stillMissing =
            deliver ? outcome.stillMissing.count + (missingLeads - outcome.delivered.count) : missingLeads
        if stillMissing > 0 { throw ExitCode(ExitStatus.verificationFailed.rawValue) }
    }

    /// A lead's identity in the export: its email and offer, case-insensitively.
    static func identity(_ row: LeadsExport.Row) -> String {
        (row.email ?? "").lowercased() + "\u{0}" + (row.values["offerTitle"] ?? "").lowercased()
    }

    /// The leads the destination holds for `emails` (``EmailPresence/found(_:)``); a read failure
    /// is printed (redacted) and exit 3.
    func lookup(
        _ target: any StoredEmailLookup, _ emails: [String],
        redactor: Redactor
    ) async throws -> [String: [String]] {
        switch await target.storedEmails(among: emails) {
        case .found(let found): return found
        case .unsupported(let reason):
            throw LeadCheckError.invalidInput(
                location: "\(config): \(destination)",
                reason: "not a destination leadcheck can look up by email (\(reason))")
        case .failed(let findings):
            Terminal.printStderr(
                redactor.redact(
                    findings.map { "leadcheck: [\($0.code.rawValue)] \($0.message)\n  \($0.hint)" }.joined(
                        separator: "\n")))
            throw ExitCode(ExitStatus.runtime.rawValue)
        }
    }

    static func describe(_ row: LeadsExport.Row) -> String {
        let name = [row.values["firstName"], row.values["lastName"]].compactMap { $0 }.filter { !$0.isEmpty }.joined(
            separator: " ")
        return [row.email, name.isEmpty ? nil : name, row.values["company"], row.values["createdAt"]].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
