import Foundation
import LeadModel
import LeadVerification
import TestSupport
import Testing

/// What decides a verdict, against a destination in memory: the journal before the send, a
/// failed preflight, errors told from failures, the stop on a dead destination, batches, and
/// nothing journaled as removed that was not deleted.
struct VerifyRunnerTests {
    static let leads = LeadGenerator(options: GenerationOptions(seed: 7, count: 25)).leads()
    static let offer = Offer(id: "contoso.test", title: "Test")

    static func run(
        _ destination: FakeDestination, leads: [Lead] = leads, journal: RunJournal? = nil, concurrency: Int = 4
    ) async -> VerifyReport {
        await VerifyRunner(destinations: [destination], leads: leads, concurrency: concurrency, journal: journal).run(
            seed: 7, offer: offer)
    }

    @Test func everyLeadIsJournaledBeforeItIsSentAndRemovedAfter() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let journal = try RunJournal(path: path)
        let destination = FakeDestination(journalPath: path)
        let report = await Self.run(destination, journal: journal)
        #expect(report.verdict == "passed")
        #expect(destination.journaledBeforeSend.count == 25 && destination.journaledBeforeSend.allSatisfy { $0 })
        #expect(destination.storedMarkers.isEmpty && destination.deleted.count == 25)
        #expect(try RunJournal.pending(at: path).isEmpty)
    }

    @Test func aFailedPreflightSkipsEveryLeadWithoutSendingOne() async {
        let destination = FakeDestination(preflight: [
            Finding(code: .authRejected, destination: "fake", message: "no", hint: "sign in")
        ])
        let report = await Self.run(destination)
        #expect(destination.deliveries.isEmpty)
        #expect(report.results.allSatisfy { $0.status == .skipped } && report.results.count == 25)
        #expect(report.findings.map(\.code) == [.authRejected])
    }

    @Test func unreachableIsAnErrorAndAWrongAnswerAFailure() async {
        let destination = FakeDestination { lead in
            switch lead.sequence % 3 {
            case 0: .refuse
            case 1: .storeChanged
            default: .store
            }
        }
        let report = await Self.run(destination)
        for (lead, result) in zip(Self.leads, report.results) {
            switch lead.sequence % 3 {
            case 0: #expect(result.status == .failed && result.findings.first?.code == .httpStatus)
            case 1:
                #expect(
                    result.status == .failed && result.findings.contains { $0.code == .fieldChanged },
                    "\(result.findings)")
            default: #expect(result.status == .passed)
            }
        }
        let dead = FakeDestination { _ in .unreachable }
        let stopped = await Self.run(dead, concurrency: 1)
        #expect(stopped.results.prefix(3).allSatisfy { $0.status == .error })
        #expect(dead.deliveries.count == 3, "three failures in a row stop the destination")
        #expect(stopped.results.dropFirst(3).allSatisfy { $0.status == .skipped })
        #expect(
            stopped.findings.filter { $0.lead == nil }.map(\.message) == [
                "stopped after 3 consecutive failures to reach the destination; 22 leads skipped"
            ])
        #expect(stopped.verdict == "error")
    }

    @Test func aLeadThatWasNeverStoredIsNotJournaledAsRemoved() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let destination = FakeDestination { $0.sequence == 2 ? .refuse : .store }
        _ = await Self.run(destination, journal: try RunJournal(path: path))
        #expect(!destination.deleted.contains(Self.leads[1].marker))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let mine = lines.filter { $0.contains("\"\(Self.leads[1].marker)\"") }
        #expect(mine.count == 2 && mine.last?.contains("\"absent\"") == true, "sent, then absent: \(mine)")
        #expect(lines.filter { $0.contains("\"removed\"") }.count == 24)
    }

    @Test func readBackAndRemovalGoInTheDestinationsBatches() async {
        let destination = FakeDestination(batchLimit: 10)
        let report = await Self.run(destination)
        #expect(report.verdict == "passed")
        #expect(destination.readBatches.map(\.count).sorted() == [5, 10, 10])
    }

    @Test func aLeadThatAppearsLateIsRemovedAndOneThatNeverDoesIsReportedPending() async throws {
        // A long window costs nothing once the leads appear (the third look, ~250 ms in), and a
        // loaded CI machine cannot run it out first.
        let late = FakeDestination(visibilityWindow: .seconds(60), visibleAfterLookups: 2)
        let first = await Self.run(late, leads: Array(Self.leads.prefix(3)))
        #expect(late.storedMarkers.isEmpty, "looked for again until it appeared, then removed")
        #expect(!first.findings.contains { $0.code == .cleanupPending })

        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let never = FakeDestination(visibilityWindow: .milliseconds(600), visibleAfterLookups: 1_000)
        let report = await Self.run(never, leads: Array(Self.leads.prefix(3)), journal: try RunJournal(path: path))
        #expect(report.findings.filter { $0.code == .cleanupPending }.count == 3)
        #expect(
            report.findings.filter { $0.code == .cleanupPending }.allSatisfy {
                $0.severity == .warning && $0.hint.contains(path)
            })
        #expect(try RunJournal.pending(at: path).count == 3, "still journaled as sent")
        #expect(never.deleted.isEmpty)
    }
}
