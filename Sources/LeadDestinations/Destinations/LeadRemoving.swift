import LeadModel

/// Removes test leads (`verify`'s cleanup, `cleanup --journal`, `cleanup --marker-prefix`).
public protocol LeadRemoving: NamedDestination {
    /// Removes the stored lead (known by its marker and receipt, as the journal records them)
    /// and says what that did: only a deleted record is `.removed`.
    func remove(marker: String, receipt: Receipt) async -> Removal

    /// Removes several stored leads (at most ``NamedDestination/batchLimit``), one answer per
    /// lead in order.
    func remove(_ batch: [StoredLead]) async -> [Removal]

    /// Removes every stored record carrying a marker that starts with `markerPrefix` (and
    /// nothing else); returns how many were removed.
    func removeAll(markerPrefix: String) async -> (removed: Int, findings: [Finding])
}

extension LeadRemoving {
    /// One lead after the other.
    public func remove(_ batch: [StoredLead]) async -> [Removal] {
        var answers: [Removal] = []
        for item in batch { answers.append(await remove(marker: item.marker, receipt: item.receipt)) }
        return answers
    }
}
