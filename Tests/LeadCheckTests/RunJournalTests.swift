import Foundation
import LeadDestinations
import LeadModel
import LeadVerification
import TestSupport
import Testing

/// The journal records when each lead was sent, and still reads journals written before it did.
@Suite struct RunJournalTests {
    @Test func aSentEntryRecordsItsTimeAndAnOldOneStillReads() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("run.journal")
        let journal = try RunJournal(path: path)
        let receipt = Receipt(text: "LCTEST_abc_1", kind: nil, destination: .salesforce)
        try journal.appendBlocking(.init(event: .sent, destination: "sf", marker: "LCTEST_abc_1", receipt: receipt))
        // A line from a journal written before send times were recorded.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(
            contentsOf: Data(
                #"{"destination":"sf","event":"sent","marker":"LCTEST_abc_2","receipt":"LCTEST_abc_2"}"#.utf8 + [0x0A]))
        try handle.close()
        let pending = try RunJournal.pending(at: path)
        #expect(pending.map(\.marker) == ["LCTEST_abc_1", "LCTEST_abc_2"])
        let now = Date().timeIntervalSince1970
        #expect(abs((pending[0].sentAt ?? 0) - now) < 5)
        #expect(pending[1].sentAt == nil)
    }

    @Test func aLateLeadIsLookedForUntilItsSendTimePlusTheWindow() {
        let receipt = Receipt(text: "x", kind: nil, destination: .salesforce)
        let fallback = ContinuousClock.now + .seconds(99)
        let sentLongAgo = RunJournal.Entry(
            event: .sent, destination: "sf", marker: "m", receipt: receipt, sentAt: Date().timeIntervalSince1970 - 60)
        #expect(sentLongAgo.visibleBy(.seconds(2), fallback: fallback) <= ContinuousClock.now + .milliseconds(10))
        let sentNow = RunJournal.Entry(event: .sent, destination: "sf", marker: "m", receipt: receipt)
        let deadline = sentNow.visibleBy(.seconds(2), fallback: fallback)
        #expect(deadline > ContinuousClock.now + .seconds(1) && deadline <= ContinuousClock.now + .seconds(2))
        var old = sentNow
        old.sentAt = nil
        #expect(old.visibleBy(.seconds(2), fallback: fallback) == fallback)
    }
}
