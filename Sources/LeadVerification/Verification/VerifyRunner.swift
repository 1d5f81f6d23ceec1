import Foundation
import LeadDestinations
import LeadModel

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
    public init(
        destinations: [any LeadDestination], leads: [Lead], cleanup: Bool = true, concurrency: Int = 4,
        journal: RunJournal? = nil, shard: Shard? = nil
    ) {
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
    public func run(seed: UInt64, offer: Offer, progress: @escaping @Sendable (LeadResult) -> Void = { _ in }) async
        -> VerifyReport
    {
        let started = Date()
        // A shard preflights and reports only the destinations and leads it has checks for.
        let slices = destinations.indices.map { work(at: $0) }
        let active = destinations.indices.filter { !slices[$0].isEmpty }
        let checked = Set(slices.joined())
        let perDestination = await withTaskGroup(of: (Int, [Finding], [LeadResult]).self) { group in
            for index in active {
                let mine = slices[index].map { leads[$0] }
                group.addTask {
                    let (pre, results) = await verify(destinations[index], leads: mine, progress: progress)
                    return (index, pre, results)
                }
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
            destinations: active.map { destinations[$0] }.map {
                .init(
                    name: $0.name, kind: $0.kind, readsBack: $0.readsBack, usage: $0.usage, apiCalls: $0.apiCalls,
                    connection: $0.connectionFacts, payloadCase: $0.payloadCase,
                    followsRuns: $0.followsRuns ? true : nil)
            },
            leads: leads.indices.filter(checked.contains).map { leads[$0] }
                .map {
                    .init(
                        marker: $0.marker, pair: $0.pair.label(), documented: $0.pair.isDocumented,
                        variant: $0.caseLabel, locale: $0.locale.rawValue,
                        deprecated: $0.pair.isDeprecated ? true : nil, evidence: $0.evidence)
                },
            results: results, findings: findings, shard: shard?.description
        )
        report.recomputeVerdict()
        return report
    }

    /// One lead's check at one destination as the phases fill it in.
    private struct Check {
        var findings: [Finding] = []
        /// The delivery receipt, once the destination answered that it stored the lead.
        var receipt: Receipt?
        /// Whether the destination answered the delivery at all (accepted or refused): only then
        /// is removal tried; an unreachable one stays journaled as sent for `cleanup`.
        var answered = false
        /// Read-back was refused: the lead may not be deleted either and stays journaled.
        var denied = false
        var skipped = false
    }

    /// Deliver every lead (one per request, as Microsoft's connector does), then read back and
    /// remove in the destination's batches, then look again for leads not visible yet.
    private func verify(
        _ destination: any LeadDestination, leads: [Lead], progress: @escaping @Sendable (LeadResult) -> Void
    ) async -> ([Finding], [LeadResult]) {
        let configured = destination.configurationFindings()
        let preflight = await destination.preflight()
        if preflight.contains(where: { $0.severity == .error }) {
            let results = leads.map {
                LeadResult(destination: destination.name, lead: $0.marker, status: .skipped, findings: [])
            }
            results.forEach(progress)
            return (configured + preflight, results)
        }
        var checks = await deliver(leads, to: destination)
        let delivered = ContinuousClock.now
        let receipts = checks.map(\.receipt)
        let stored = leads.indices.filter { receipts[$0] != nil }
        let reads = await LeadRemover.inBatches(stored, of: destination.batchLimit, concurrency: concurrency) { batch in
            await destination.readBack(batch.map { (lead: leads[$0], receipt: receipts[$0]!) })
        }
        for (index, read) in zip(stored, reads) {
            switch read {
            case .denied(let warning):
                checks[index].findings.append(warning)
                checks[index].denied = true
            case .found(let values):
                checks[index].findings += FieldComparator.findings(
                    destination: destination.name, lead: leads[index], sent: destination.delivered(leads[index]),
                    stored: values,
                    limits: destination.kind, column: destination.column(of:))
            case .missing(let finding): checks[index].findings.append(finding)
            case .failed(let more): checks[index].findings += more
            }
        }
        if cleanup { await removeAll(leads, &checks, at: destination, deliveredAt: delivered) }
        var results: [LeadResult] = []
        for (lead, check) in zip(leads, checks) {
            let errors = check.findings.filter { $0.severity == .error }
            let status: LeadResult.Status =
                check.skipped
                ? .skipped : errors.isEmpty ? .passed : (errors.contains { $0.code.isReachability } ? .error : .failed)
            let result = LeadResult(
                destination: destination.name, lead: lead.marker, status: status, findings: check.findings)
            progress(result)
            results.append(result)
        }
        let stopped = checks.filter(\.skipped).count
        guard stopped > 0 else { return (configured + preflight, results) }
        let last = results.last { $0.status == .error }?.findings.first { $0.code.isReachability }
        return (
            configured + preflight + [
                Finding(
                    code: last?.code ?? .transportFailed, destination: destination.name,
                    message:
                        "stopped after \(Self.failureLimit) consecutive failures to reach the destination; \(stopped) lead\(stopped == 1 ? "" : "s") skipped",
                    hint: last?.hint ?? "Check that the destination is up and reachable, then run again.",
                    evidence: last?.message
                )
            ], results
        )
    }

    /// How many leads in a row may fail to reach a destination before its other leads are skipped.
    static let failureLimit = 3

    /// Journals and delivers each lead, `concurrency` at a time. A dead destination costs
    /// bounded time: after ``failureLimit`` deliveries in a row could not reach it, the rest are
    /// skipped rather than each waiting out the timeout.
    private func deliver(_ leads: [Lead], to destination: any LeadDestination) async -> [Check] {
        var checks = [Check](repeating: Check(), count: leads.count)
        var next = 0
        var streak = 0
        await Window.run(
            width: concurrency,
            next: { () -> Int? in
                guard next < leads.count else { return nil }
                next += 1
                return next - 1
            }, work: { index in await deliver(leads[index], to: destination) },
            accept: { index, check in
                checks[index] = check
                streak = check.findings.contains { $0.severity == .error && $0.code.isReachability } ? streak + 1 : 0
                return streak < Self.failureLimit
            })
        for index in leads.indices.dropFirst(next) { checks[index].skipped = true }
        return checks
    }

    private func deliver(_ lead: Lead, to destination: any LeadDestination) async -> Check {
        var check = Check()
        if let journal {
            do {
                try await journal.append(
                    .init(
                        event: .sent, destination: destination.name, marker: lead.marker,
                        receipt: destination.receipt(for: lead)))
            } catch {
                // Without a journal entry a kill could orphan the lead, so it is not sent.
                check.findings = [
                    Finding(
                        code: .transportFailed, destination: destination.name, lead: lead.marker,
                        message: "the run journal could not be written: \(error.message)",
                        hint:
                            "Free disk space or pass --journal with a writable path; leads are only sent once recorded."
                    )
                ]
                return check
            }
        }
        // Warned before sending: the destination will cut (or refuse) these values.
        check.findings = FieldLimits.overLimit(lead, at: destination.kind).map { over in
            Finding(
                code: .fieldOverLimit, severity: .warning, destination: destination.name, lead: lead.marker,
                field: over.field.rawValue,
                message:
                    "\(over.field.rawValue) is \(over.length) characters; \(destination.kind.rawValue) stores at most \(over.limit)",
                hint:
                    "Microsoft's connector sends such values as they are; widen the destination's field or expect them cut or refused."
            )
        }
        switch await destination.deliver(lead) {
        case .failed(let more):
            check.findings += more
            check.answered = !more.contains { $0.severity == .error && $0.code.isReachability }
        case .accepted(let value):
            check.receipt = value
            check.answered = true
        }
        return check
    }

    /// Removes every lead the destination answered for (a refused one may still have been
    /// stored, e.g. by a flow that failed after writing). Where leads appear asynchronously, an
    /// accepted one not found is looked for again until the destination's visibility window
    /// after the last delivery has passed, then reported and left in the journal.
    private func removeAll(
        _ leads: [Lead], _ checks: inout [Check], at destination: any LeadDestination,
        deliveredAt: ContinuousClock.Instant
    ) async {
        let indices = leads.indices.filter { checks[$0].answered && !checks[$0].denied }
        let items = indices.map {
            StoredLead(marker: leads[$0].marker, receipt: checks[$0].receipt ?? destination.receipt(for: leads[$0]))
        }
        let mayAppear = indices.map { checks[$0].receipt != nil && destination.visibilityWindow > .zero }
        let outcomes = await LeadRemover(destination: destination, journal: journal, concurrency: concurrency)
            .remove(items, mayAppear: mayAppear, until: deliveredAt + destination.visibilityWindow)
        let rerun =
            journal.map { "leadcheck cleanup --journal \($0.path) --config <this config>" }
            ?? "leadcheck cleanup --marker-prefix \(LeadMarker.prefix)"
        for (index, outcome) in zip(indices, outcomes) {
            switch outcome {
            case .removed, .absent, .notKept: break
            case .failed(let findings): checks[index].findings += findings
            case .pending:
                checks[index].findings.append(
                    Finding(
                        code: .cleanupPending, severity: .warning, destination: destination.name,
                        lead: leads[index].marker,
                        message:
                            """
                            the test lead was not found to remove\
                             \(destination.visibilityWindow.components.seconds) s after delivery; it stays in\
                             the journal
                            """,
                        hint: (destination.kind == .salesforce
                            ? "Web-to-Lead may still create it (it queues requests past the daily limit)"
                            : "The flow may still write it")
                            + ": run \(rerun) later."))
            }
        }
    }
}
