import LeadDestinations
import LeadModel

/// A store that can only remove, holding the markers given: what cleanup needs of a
/// destination and nothing more.
struct RemovalOnlyStore: LeadRemoving {
    let name = "removal-only"
    var kind: DestinationKind { .dynamics }
    let held: Set<String>

    func remove(marker: String, receipt: Receipt) async -> Removal { held.contains(marker) ? .removed(1) : .notFound }

    func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding]) {
        (held.filter { $0.hasPrefix(markerPrefix) }.count, [])
    }
}
