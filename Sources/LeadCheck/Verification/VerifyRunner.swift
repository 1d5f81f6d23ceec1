import Foundation

/// The main job: for every destination, preflight, then per lead deliver → read back → compare
/// → clean up. Destinations run concurrently, leads within a destination with bounded
/// concurrency. A failed preflight skips that destination's leads with one finding, not N.
public struct VerifyRunner: Sendable {
    /// The destinations.
    public let destinations: [any LeadDestination]
    /// The leads, the same for every destination.
    public let leads: [Lead]
    /// Whether to remove test leads afterwards.
    public let cleanup: Bool
    /// Leads in flight per destination.
    public let concurrency: Int
    /// Where each lead's identity is recorded before it is sent.
    public let journal: RunJournal?
    /// Only this slice of the (destination × lead) checks, when set.
    public let shard: Shard?

    /// Creates a runner.
    public init(destinations: [any LeadDestination], leads: [Lead], cleanup: Bool = true, concurrency: Int = 4, journal: RunJournal? = nil, shard: Shard? = nil) {
        self.destinations = destinations
        self.leads = leads
        self.cleanup = cleanup
        self.concurrency = max(1, concurrency)
        self.journal = journal
        self.shard = shard
    }

    /// The indices of the leads this run checks at destination `index`.
    func work(at index: Int) -> [Int] {
        guard let shard else { return Array(leads.indices) }
        return leads.indices.filter { shard.includes(destination: index, lead: $0, leads: leads.count) }
    }

    /// How many destination × lead checks this run makes (all of them, or its shard's).
    public var checkCount: Int { destinations.indices.reduce(0) { $0 + work(at: $1).count } }

    /// Runs everything; `progress` hears about each finished lead.
    public func run(seed: UInt64, offer: Offer, progress: @escaping @Sendable (LeadResult) -> Void = { _ in }) async -> VerifyReport {
        let started = Date()
        // A shard preflights and reports only the destinations and leads it has checks for.
        let slices = destinations.indices.map { work(at: $0) }
        let active = destinations.indices.filter { !slices[$0].isEmpty }
        let checked = Set(slices.joined())
        let perDestination = await withTaskGroup(of: (Int, [Finding], [LeadResult]).self) { group in
            for index in active {
                let mine = slices[index].map { leads[$0] }
                group.addTask { let (pre, results) = await verify(destinations[index], leads: mine, progress: progress); return (index, pre, results) }
            }
            var collected: [(Int, [Finding], [LeadResult])] = []
            for await item in group { collected.append(item) }
            return collected.sorted { $0.0 < $1.0 }
        }
        let results = perDestination.flatMap(\.2)
        let findings = perDestination.flatMap { $0.1 + $0.2.flatMap(\.findings) }
        var report = VerifyReport(
            runId: leads.first?.runID.value ?? "", seed: String(seed), offer: offer,
            startedAt: LeadTimestamp(secondsSinceEpoch: Int64(started.timeIntervalSince1970)).iso8601,
            durationSeconds: Date().timeIntervalSince(started), verdict: "passed",
            destinations: active.map { destinations[$0] }.map { .init(name: $0.name, kind: $0.kind, readsBack: $0.readsBack, usage: $0.usage, connection: $0.connectionFacts, payloadCase: $0.payloadCase) },
            leads: leads.indices.filter(checked.contains).map { leads[$0] }
                .map { .init(marker: $0.marker, pair: $0.pair.label(), documented: $0.pair.isDocumented, variant: $0.caseLabel, locale: $0.locale.rawValue,
                             deprecated: $0.pair.isDeprecated ? true : nil, evidence: $0.evidence) },
            results: results, findings: findings, shard: shard?.description
        )
        report.recomputeVerdict()
        return report
    }

    private func verify(_ destination: any LeadDestination, leads: [Lead], progress: @escaping @Sendable (LeadResult) -> Void) async -> ([Finding], [LeadResult]) {
        let preflight = await destination.preflight()
        if preflight.contains(where: { $0.severity == .error }) {
            let results = leads.map { LeadResult(destination: destination.name, lead: $0.marker, status: .skipped, findings: []) }
            results.forEach(progress)
            return (preflight, results)
        }
        // A dead destination costs bounded time: after `Self.failureLimit` leads in a row could
        // not reach it, the rest are skipped with one finding rather than each waiting out the timeout.
        let (results, stopped) = await withTaskGroup(of: (Int, LeadResult).self) { group in
            var next = 0
            var streak = 0
            var collected: [(Int, LeadResult)] = []
            func start() {
                let index = next
                next += 1
                group.addTask {
                    let result = await verify(leads[index], at: destination)
                    progress(result)
                    return (index, result)
                }
            }
            while next < min(concurrency, leads.count) { start() }
            while let item = await group.next() {
                collected.append(item)
                streak = item.1.status == .error ? streak + 1 : 0
                if next < leads.count && streak < Self.failureLimit { start() }
            }
            let skipped = leads.indices.dropFirst(next).map { index in
                (index, LeadResult(destination: destination.name, lead: leads[index].marker, status: .skipped, findings: []))
            }
            skipped.forEach { progress($0.1) }
            return ((collected + skipped).sorted { $0.0 < $1.0 }.map(\.1), skipped.count)
        }
        guard stopped > 0 else { return (preflight, results) }
        let last = results.last { $0.status == .error }?.findings.first { $0.code.isReachability }
        return (preflight + [Finding(
            code: last?.code ?? .transportFailed, destination: destination.name,
            message: "stopped after \(Self.failureLimit) consecutive failures to reach the destination; \(stopped) lead\(stopped == 1 ? "" : "s") skipped",
            hint: last?.hint ?? "Check that the destination is up and reachable, then run again.",
            evidence: last?.message
        )], results)
    }

    /// How many leads in a row may fail to reach a destination before its other leads are skipped.
    static let failureLimit = 3

    private func verify(_ lead: Lead, at destination: any LeadDestination) async -> LeadResult {
        func result(_ findings: [Finding]) -> LeadResult {
            let errors = findings.filter { $0.severity == .error }
            let status: LeadResult.Status = errors.isEmpty ? .passed : (errors.contains { $0.code.isReachability } ? .error : .failed)
            return LeadResult(destination: destination.name, lead: lead.marker, status: status, findings: findings)
        }
        if let journal {
            do {
                try journal.append(.init(event: "sent", destination: destination.name, marker: lead.marker, receipt: destination.receipt(for: lead)))
            } catch {
                // Without a journal entry a kill could orphan the lead, so it is not sent.
                return LeadResult(destination: destination.name, lead: lead.marker, status: .error, findings: [
                    Finding(code: .transportFailed, destination: destination.name, lead: lead.marker, message: "the run journal could not be written: \(error.message)",
                            hint: "Free disk space or pass --journal with a writable path; leads are only sent once recorded."),
                ])
            }
        }
        // Warned before sending: the destination will cut (or refuse) these values.
        var findings = FieldLimits.overLimit(lead, at: destination.kind).map { over in
            Finding(code: .fieldOverLimit, severity: .warning, destination: destination.name, lead: lead.marker, field: over.field.rawValue,
                    message: "\(over.field.rawValue) is \(over.length) characters; \(destination.kind.rawValue) stores at most \(over.limit)",
                    hint: "Microsoft's connector sends such values as they are; widen the destination's field or expect them cut or refused.")
        }
        let receipt: String
        switch await destination.deliver(lead) {
        case let .failed(more): return result(findings + more)
        case let .accepted(value): receipt = value
        }
        var readable = true
        switch await destination.readBack(lead, receipt: receipt) {
        case let .denied(warning):
            findings.append(warning)
            readable = false
        case let .found(stored):
            findings += FieldComparator.findings(destination: destination.name, lead: lead, sent: destination.delivered(lead), stored: stored,
                                                 limits: destination.kind, column: destination.column(of:))
        case let .missing(finding):
            findings.append(finding)
        case let .failed(more):
            findings += more
        }
        // A lead that may not be read may not be deleted either: it stays journaled as sent.
        if cleanup && readable {
            let problems = await destination.remove(marker: lead.marker, receipt: receipt)
            findings += problems
            if problems.isEmpty { try? journal?.append(.init(event: "removed", destination: destination.name, marker: lead.marker, receipt: receipt)) }
        }
        return result(findings)
    }
}
