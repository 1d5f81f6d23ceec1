import Foundation
import LeadDestinations
import LeadModel

/// A destination in memory whose every answer a test chooses, recording what the runner asked
/// of it: for unit tests of `VerifyRunner` without a network.
final class FakeDestination: LeadDestination, @unchecked Sendable {
    /// How a delivery of one lead goes.
    enum Answer: Sendable { case store, refuse, unreachable, storeChanged }

    let name = "fake"
    var kind: DestinationKind { .https }
    var readsBack: Bool { true }
    let batchLimit: Int
    let visibilityWindow: Duration
    private let answer: @Sendable (Lead) -> Answer
    private let preflightFindings: [Finding]
    /// Lookups a stored lead needs before it becomes visible (an asynchronous store).
    private let visibleAfterLookups: Int
    /// Checked at each delivery: the journal must already name the lead.
    private let journalPath: String?

    private let lock = NSLock()
    private var stored: [String: [LeadField: String?]] = [:]
    private var lookups: [String: Int] = [:]
    private(set) var deliveries: [String] = []
    private(set) var readBatches: [[String]] = []
    private(set) var deleted: [String] = []
    private(set) var journaledBeforeSend: [Bool] = []
    private(set) var calls = 0

    init(
        batchLimit: Int = 1, visibilityWindow: Duration = .zero, visibleAfterLookups: Int = 0,
        preflight: [Finding] = [], journalPath: String? = nil,
        answer: @escaping @Sendable (Lead) -> Answer = { _ in .store }
    ) {
        self.batchLimit = batchLimit
        self.visibilityWindow = visibilityWindow
        self.visibleAfterLookups = visibleAfterLookups
        preflightFindings = preflight
        self.journalPath = journalPath
        self.answer = answer
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        calls += 1
        return body()
    }

    /// Whether the stored lead is visible now (each look counts towards `visibleAfterLookups`).
    private func visible(_ marker: String) -> Bool {
        guard stored[marker] != nil else { return false }
        lookups[marker, default: 0] += 1
        return lookups[marker]! > visibleAfterLookups
    }

    func preflight() async -> [Finding] { preflightFindings }

    func deliver(_ lead: Lead) async -> Delivery {
        let journaled =
            journalPath.map { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains(lead.marker) ?? false }
            ?? true
        let answer = answer(lead)
        return locked {
            deliveries.append(lead.marker)
            journaledBeforeSend.append(journaled)
            switch answer {
            case .store, .storeChanged:
                var values = delivered(lead).mapValues { Optional($0) }
                // The first field sent, stored as something else.
                if answer == .storeChanged, let field = values.keys.min(by: { $0.rawValue < $1.rawValue }) {
                    values[field] = "Changed Ltd"
                }
                stored[lead.marker] = values
                return .accepted(receipt: .marker(lead.marker))
            case .refuse:
                return .failed([
                    Finding(
                        code: .httpStatus, destination: name, lead: lead.marker, message: "HTTP 400", hint: "fix it")
                ])
            case .unreachable:
                return .failed([
                    Finding(
                        code: .connectRefused, destination: name, lead: lead.marker, message: "refused",
                        hint: "start it")
                ])
            }
        }
    }

    func readBack(_ batch: [(lead: Lead, receipt: Receipt)]) async -> [ReadBack] {
        locked {
            readBatches.append(batch.map(\.lead.marker))
            return batch.map { item in
                visible(item.lead.marker)
                    ? .found(stored[item.lead.marker]!)
                    : .missing(
                        Finding(
                            code: .readbackMissing, destination: name, lead: item.lead.marker, message: "not there",
                            hint: "look"))
            }
        }
    }

    func readBack(_ lead: Lead, receipt: Receipt) async -> ReadBack {
        await readBack([(lead: lead, receipt: receipt)])[0]
    }

    func find(marker: String) async -> ReadBack {
        .missing(Finding(code: .readbackMissing, destination: name, message: "no", hint: "no"))
    }

    func remove(marker: String, receipt: Receipt) async -> Removal {
        locked {
            guard visible(marker) else { return .notFound }
            stored[marker] = nil
            deleted.append(marker)
            return .removed(1)
        }
    }

    func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding]) { (0, []) }

    func receipt(for lead: Lead) -> Receipt { .marker(lead.marker) }

    var apiCalls: Int { lock.withLock { calls } }

    func delivered(_ lead: Lead) -> [LeadField: String] { LeadField.common(lead) }

    /// Test leads still stored.
    var storedMarkers: Set<String> { lock.withLock { Set(stored.keys) } }
}
