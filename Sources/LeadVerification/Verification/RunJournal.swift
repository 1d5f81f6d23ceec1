import Foundation
import LeadDestinations
import LeadFiles
import LeadModel

/// The run journal: before a lead is sent, its identity (destination, marker, receipt) is
/// appended and flushed to disk, so a run killed at any point can be cleaned up exactly with
/// `leadcheck cleanup --journal`. It never holds a secret: credentials come from the config again.
public final class RunJournal: Sendable {
    /// One journal line.
    public struct Entry: Sendable, Codable, Hashable {
        /// What happened to the lead.
        public enum Event: String, Sendable, Codable {
            /// About to be delivered (written first, so a kill can never orphan a lead).
            case sent
            /// Its stored record was deleted.
            case removed
            /// Looked for where a write is visible at once (or refused by the destination) and
            /// nothing is stored: there is nothing to remove.
            case absent
            /// A real lead `reconcile --deliver` delivered: recorded, and never removed by cleanup.
            case reconciled
        }

        /// What happened.
        public var event: Event
        /// The destination's configured name.
        public var destination: String
        /// The lead's marker.
        public var marker: String
        /// What finds the stored record, as text (``Receipt/text``).
        public var receipt: String
        /// What kind of receipt that is; absent in journals written before receipts had kinds.
        public var receiptKind: Receipt.Kind?
        /// For `sent`: when, in seconds since 1970, so cleanup after a kill looks for a lead that
        /// appears late (Web-to-Lead, a flow's store) until its own send time plus the
        /// destination's window; absent in journals written before it was recorded.
        public var sentAt: Double?

        /// Creates an entry; a `sent` one records the time.
        public init(event: Event, destination: String, marker: String, receipt: Receipt, sentAt: Double? = nil) {
            self.event = event
            self.destination = destination
            self.marker = marker
            self.receipt = receipt.text
            self.receiptKind = receipt.kind
            self.sentAt = sentAt ?? (event == .sent ? Date().timeIntervalSince1970 : nil)
        }

        /// When a late-appearing lead must have appeared: its send time plus `window`, as an
        /// instant of this process's clock; `fallback` for journals without send times.
        public func visibleBy(_ window: Duration, fallback: ContinuousClock.Instant) -> ContinuousClock.Instant {
            guard let sentAt else { return fallback }
            let remaining =
                sentAt + Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
                - Date().timeIntervalSince1970
            return ContinuousClock.now + .milliseconds(Int(max(0, min(remaining, 86_400)) * 1000))
        }

        /// The lead as removal knows it, at a destination of this kind.
        public func storedLead(at kind: DestinationKind) -> StoredLead {
            StoredLead(marker: marker, receipt: Receipt(text: receipt, kind: receiptKind, destination: kind))
        }
    }

    private let file: AppendOnlyFile
    /// Where it is written.
    public var path: String { file.path }

    /// The default place for a run's journal.
    public static func defaultPath(runID: RunID) -> String { ".leadcheck/runs/\(runID.value).journal" }

    /// Creates (or appends to) the journal at `path`, creating its directory.
    public init(path: String) throws(LeadCheckError) {
        file = try AppendOnlyFile(path: path, label: "leadcheck.journal")
    }

    /// Appends an entry and flushes it to disk before returning, on the journal's own thread.
    public func append(_ entry: Entry) async throws(LeadCheckError) {
        try await file.append(try line(entry))
    }

    /// Appends and flushes on the calling thread (for callers already off the cooperative pool).
    public func appendBlocking(_ entry: Entry) throws(LeadCheckError) {
        try file.appendBlocking(try line(entry))
    }

    private func line(_ entry: Entry) throws(LeadCheckError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard var line = try? encoder.encode(entry) else {
            throw .outputUnwritable(path: path, reason: "cannot encode an entry")
        }
        line.append(0x0A)
        return line
    }

    /// A line's `event`, whatever it is: names an event this version does not know.
    private struct EventName: Decodable { let event: String }

    /// The leads a journal says were sent and not yet removed, in order.
    public static func pending(at path: String) throws(LeadCheckError) -> [Entry] {
        let reader = try LineReader(path: path)
        var sent: [Entry] = []
        var removed = Set<String>()
        while let line = try reader.next() {
            if line.isEmpty { continue }
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else {
                // A run killed mid-write can leave a torn last line; anything else is not a journal.
                if (try? reader.next()) == nil { break }
                let event = (try? JSONDecoder().decode(EventName.self, from: Data(line)))?.event
                throw .invalidInput(
                    location: "\(path):\(reader.lineNumber)",
                    reason: event.map { "unknown journal event '\($0)'" } ?? "not a leadcheck journal line")
            }
            switch entry.event {
            case .sent: sent.append(entry)
            case .removed, .absent: removed.insert("\(entry.destination)|\(entry.marker)")
            case .reconciled: break
            }
        }
        return sent.filter { !removed.contains("\($0.destination)|\($0.marker)") }
    }
}
