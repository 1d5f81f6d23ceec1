import Testing

@testable import LeadModel
@testable import LeadVerification

@Suite struct FieldComparatorTests {
    static let lead = WireEncodingTests.lead(
        CustomerInfo(firstName: "Jürgen", lastName: "O'Brien", email: "lctest_abcd_1@example.com"),
        description: "LCTEST_abcd_1 hello"
    )

    @Test func outcomesAreToldApart() {
        #expect(FieldComparator.compare(sent: "Jürgen", stored: "Jürgen") == .same)
        #expect(FieldComparator.compare(sent: "Jürgen", stored: nil) == .missing)
        #expect(FieldComparator.compare(sent: "Jürgen", stored: "Jür") == .truncated(sentLength: 6, storedLength: 3))
        if case .mangled = FieldComparator.compare(sent: "Jürgen", stored: "JÃ¼rgen") {
        } else {
            Issue.record("mojibake not seen")
        }
        if case .mangled = FieldComparator.compare(sent: "J\u{00FC}rgen", stored: "Ju\u{0308}rgen") {
        } else {
            Issue.record("NFD not seen")
        }
        #expect(FieldComparator.compare(sent: "Jürgen", stored: "Juergen") == .changed)
        // Nothing sent (an absent field, a key the payload does not carry): nothing to compare.
        #expect(FieldComparator.compare(sent: nil, stored: "anything") == .same)
    }

    @Test func leadSourceActionAndOfferAreComparedWithWhatWasSent() {
        let sent: [LeadField: String] = [
            .leadSource: "AzureMarketplace-INS|contoso.test", .actionCode: "INS", .offer: "Test Microsoft",
            .firstName: "Jürgen",
        ]
        let stored: [LeadField: String?] = [
            .leadSource: "Web", .actionCode: "INS", .offer: "Test Micro", .firstName: "Jürgen",
        ]
        let findings = FieldComparator.findings(
            destination: "crm", lead: Self.lead, sent: sent, stored: stored, limits: .dynamics,
            column: { $0 == .leadSource ? "subject" : $0.rawValue })
        #expect(findings.map(\.code) == [.fieldChanged, .fieldTruncated])
        let changed = findings[0]
        #expect(changed.field == "LeadSource" && changed.message.contains("LeadSource (subject)"))
        #expect(changed.evidence == #"sent "AzureMarketplace-INS|contoso.test" · stored "Web""#)
        #expect(findings[1].field == "OfferTitle")
        // A cut that does not stop at the destination's own limit does not blame that limit.
        #expect(!findings[1].message.contains("stores at most"))
    }

    @Test func aFieldOnlyTheDestinationHoldsIsNotCompared() {
        // A flow behind an HTTPS endpoint may fill columns the payload does not carry.
        let findings = FieldComparator.findings(
            destination: "table", lead: Self.lead, sent: [.firstName: "Jürgen"],
            stored: [.firstName: "Jürgen", .leadSourceCode: "8"], limits: .azureTable)
        #expect(findings.isEmpty)
    }
}
