import Foundation
import LeadDestinations
import LeadModel
import LeadVerification
import Testing

/// Receipts survive the journal as what they were, and journals written before receipts had a
/// kind are read by their destination's kind.
struct ReceiptTests {
    static let receipts: [(Receipt, DestinationKind)] = [
        (.entity(partitionKey: "AzureMarketplace-INS", rowKey: "LCTEST_abc123def456_1"), .azureTable),
        // Keys hold no control characters (Table service rule).
        (.entity(partitionKey: "O'Brien & Söhne", rowKey: ""), .azureTable),
        (.recordID("5a1c2b3d-0000-4000-8000-000000000001"), .dynamics),
        (.recordID("1042"), .marketo),
        (.email("lctest_abc123def456_3@example.com"), .salesforce),
        (.email("o'brien+lctest@example.co.jp"), .dynamics),
        (.marker("LCTEST_abc123def456_4"), .https),
        (.marker("LCTEST_abc123def456_5"), .salesforce),
    ]

    @Test(arguments: receipts.indices) func aJournalLineGivesBackTheSameReceipt(_ index: Int) throws {
        let (receipt, kind) = Self.receipts[index]
        let entry = RunJournal.Entry(event: .sent, destination: "d", marker: "LCTEST_abc123def456_1", receipt: receipt)
        let line = try JSONEncoder().encode(entry)
        let read = try JSONDecoder().decode(RunJournal.Entry.self, from: line)
        #expect(read.storedLead(at: kind).receipt == receipt)
    }

    /// A line from an older journal: `receipt` text only.
    @Test func oldJournalLinesAreReadByTheDestinationsKind() throws {
        func read(_ text: String, _ kind: DestinationKind) throws -> Receipt {
            let line = try JSONSerialization.data(withJSONObject: [
                "event": "sent", "destination": "d", "marker": "LCTEST_abc123def456_1", "receipt": text,
            ])
            return try JSONDecoder().decode(RunJournal.Entry.self, from: line).storedLead(at: kind).receipt
        }
        #expect(
            try read("SPZA-INS\nLCTEST_x_1", .azureTable) == .entity(partitionKey: "SPZA-INS", rowKey: "LCTEST_x_1"))
        #expect(try read("LCTEST_x_1", .https) == .marker("LCTEST_x_1"))
        #expect(try read("a@b.example", .salesforce) == .email("a@b.example"))
        #expect(try read("LCTEST_x_2", .salesforce) == .marker("LCTEST_x_2"))
        #expect(try read("1042", .marketo) == .recordID("1042"))
        #expect(try read("1042", .salesforce) == .marker("1042"), "only Marketo's ids are digits")
        #expect(
            try read("5A1C2B3D-0000-4000-8000-000000000001", .dynamics)
                == .recordID("5A1C2B3D-0000-4000-8000-000000000001"))
        #expect(try read("LCTEST_x_3", .dynamics) == .marker("LCTEST_x_3"))
    }
}
