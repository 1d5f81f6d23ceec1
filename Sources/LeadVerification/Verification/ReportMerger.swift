import LeadModel

/// Merges results documents — the shards of one run, or several runs — into one: every
/// destination, lead and result once, every finding once, the verdict recomputed.
public enum ReportMerger {
    /// The merged report; `reports` must not be empty.
    public static func merge(_ reports: [VerifyReport]) -> VerifyReport {
        guard var merged = reports.first else { preconditionFailure("nothing to merge") }
        guard reports.count > 1 else { return merged }
        func unique(_ values: [String]) -> String {
            values.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ",")
        }
        merged.runId = unique(reports.map(\.runId))
        merged.seed = unique(reports.map(\.seed))
        merged.startedAt = reports.map(\.startedAt).min() ?? merged.startedAt
        // Shards run side by side: the run took as long as the slowest.
        merged.durationSeconds = reports.map(\.durationSeconds).max() ?? 0
        merged.shard = nil

        var destinations: [VerifyReport.DestinationSummary] = []
        for destination in reports.flatMap(\.destinations) {
            if let index = destinations.firstIndex(where: { $0.name == destination.name }) {
                var existing = destinations[index]
                if let usage = destination.usage {
                    existing.usage =
                        existing.usage.map { QuotaUsage(used: $0.used + usage.used, limit: $0.limit, unit: $0.unit) }
                        ?? usage
                }
                if let calls = destination.apiCalls { existing.apiCalls = (existing.apiCalls ?? 0) + calls }
                existing.connection = existing.connection ?? destination.connection
                destinations[index] = existing
            } else {
                destinations.append(destination)
            }
        }
        merged.destinations = destinations

        var leads: [VerifyReport.LeadSummary] = []
        var seenLeads = Set<String>()
        for lead in reports.flatMap(\.leads) where seenLeads.insert(lead.marker).inserted { leads.append(lead) }
        // Markers end in the lead's 1-based position: the unsharded order.
        leads.sort { (runPart($0.marker), sequence($0.marker)) < (runPart($1.marker), sequence($1.marker)) }
        merged.leads = leads

        let order = Dictionary(uniqueKeysWithValues: leads.enumerated().map { ($1.marker, $0) })
        let destinationOrder = Dictionary(uniqueKeysWithValues: destinations.enumerated().map { ($1.name, $0) })
        var results: [String: LeadResult] = [:]
        for result in reports.flatMap(\.results) {
            results["\(result.destination)\n\(result.lead)"] =
                results["\(result.destination)\n\(result.lead)"] ?? result
        }
        merged.results = results.values.sorted {
            (destinationOrder[$0.destination] ?? 0, order[$0.lead] ?? 0) < (
                destinationOrder[$1.destination] ?? 0, order[$1.lead] ?? 0
            )
        }

        var findings: [Finding] = []
        var seenFindings = Set<Finding>()
        // Preflight findings first (shards repeat them), then each result's, in result order.
        for finding in reports.flatMap(\.findings) where finding.lead == nil && seenFindings.insert(finding).inserted {
            findings.append(finding)
        }
        for finding in merged.results.flatMap(\.findings) where seenFindings.insert(finding).inserted {
            findings.append(finding)
        }
        for finding in reports.flatMap(\.findings) where seenFindings.insert(finding).inserted {
            findings.append(finding)
        }
        merged.findings = findings
        merged.recomputeVerdict()
        return merged
    }

    static func runPart(_ marker: String) -> String {
        guard let underscore = marker.lastIndex(of: "_") else { return marker }
        return String(marker[..<underscore])
    }

    static func sequence(_ marker: String) -> Int {
        marker.split(separator: "_").last.flatMap { Int($0) } ?? 0
    }
}
