import LeadDestinations
import LeadModel

/// `send` to a destination that is not a plain HTTPS endpoint: each lead delivered exactly as
/// verification delivers it (sign-in, form or API call, the destination's own success rules),
/// with bounded concurrency, and no read-back or cleanup. The summary counts acceptances and
/// the finding codes of refusals.
public struct DeliveryRunner: LeadFeedRunner {
    /// Where the leads go.
    public let destination: any LeadDelivering & LeadPreflighting
    /// Deliveries in flight.
    public let concurrency: Int
    /// Where each lead is recorded before it is sent, so `cleanup --journal` can remove it
    /// (Marketo cannot be searched by prefix).
    public let journal: RunJournal?

    /// Creates a runner.
    public init(destination: any LeadDelivering & LeadPreflighting, concurrency: Int, journal: RunJournal? = nil) {
        self.destination = destination
        self.concurrency = max(1, concurrency)
        self.journal = journal
    }

    /// Delivers every lead the feed yields. Reachability failures count as errors (exit 3),
    /// refusals by finding code (exit 4).
    public func run<Feed: LeadFeed>(_ feed: inout Feed) async throws(LeadCheckError) -> SendSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = SendSummary(
            url: "\(destination.name) (\(destination.kind.rawValue))", sent: 0, succeeded: 0, statuses: [:],
            errors: [:],
            errorExamples: [:], latencyMicros: nil, seconds: 0, concurrency: concurrency)
        var latencies: [Int64] = []
        var feedError: LeadCheckError?
        let destination = destination
        // The same preflight as verify (Azure Table: the table is created, as Microsoft does);
        // when it fails no lead is sent, and the summary says why.
        let preflight = await destination.preflight().filter { $0.severity == .error }
        if let first = preflight.first {
            if first.code.isReachability {
                summary.errors[first.code.rawValue] = 1
            } else {
                summary.statuses[first.code.rawValue] = 1
            }
            summary.errorExamples[first.code.rawValue] = "\(first.message) — fix: \(first.hint)"
            return summary
        }
        do {
            func tally(_ delivery: Delivery, _ micros: Int64) {
                summary.sent += 1
                latencies.append(micros)
                switch delivery {
                case .accepted:
                    summary.succeeded += 1
                    summary.statuses["accepted", default: 0] += 1
                case .failed(let findings):
                    let finding = findings.first { $0.severity == .error } ?? findings.first
                    let code = finding?.code ?? .deliverRejected
                    if code.isReachability {
                        summary.errors[code.rawValue, default: 0] += 1
                    } else {
                        summary.statuses[code.rawValue, default: 0] += 1
                    }
                    if summary.errorExamples[code.rawValue] == nil, let finding {
                        summary.errorExamples[code.rawValue] = "\(finding.message) — fix: \(finding.hint)"
                    }
                }
            }
            let journal = journal
            await Window.run(
                width: concurrency,
                next: { () async -> Lead? in
                    guard feedError == nil else { return nil }
                    let lead: Lead?
                    do throws(LeadCheckError) { lead = try feed.next() } catch {
                        feedError = error
                        return nil
                    }
                    guard let lead else { return nil }
                    if let journal {
                        do throws(LeadCheckError) {
                            try await journal.append(
                                .init(
                                    event: .sent, destination: destination.name, marker: lead.marker,
                                    receipt: destination.receipt(for: lead)))
                        } catch {
                            // Without a journal entry the lead could not be cleaned up, so it is not sent.
                            feedError = error
                            return nil
                        }
                    }
                    return lead
                },
                work: { lead in
                    let began = ContinuousClock.now
                    let delivery = await destination.deliver(lead)
                    let elapsed = (ContinuousClock.now - began).components
                    return (delivery, elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000)
                },
                accept: { _, answer in
                    tally(answer.0, answer.1)
                    return true
                })
        }
        if let feedError { throw feedError }
        summary.latencyMicros = SendSummary.Percentiles(latencies)
        let elapsed = (clock.now - start).components
        summary.seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return summary
    }
}
