import Testing

@testable import LeadModel
@testable import LeadVerification

@Suite struct MatrixTests {
    @Test func documentedMatrixIsTheSixDocumentedPairs() {
        let labels = LeadMatrix.documented.pairs.map { $0.label() }
        #expect(
            labels == [
                "AzureMarketplace-INS", "AzurePortal-Create", "TestDrive-StartTestDrive", "SPZA-INS", "SPZA-PLT",
                "SPZA-DNC",
            ])
        #expect(LeadMatrix.documented.pairs.allSatisfy { $0.isDocumented })
    }

    @Test func fullMatrixHasAllTwentyPairsWithUndocumentedFlagged() {
        let pairs = LeadMatrix.full.pairs
        #expect(pairs.count == 20)
        #expect(Set(pairs).count == 20)
        #expect(pairs.filter { $0.isDocumented }.count == 6)
        #expect(pairs.filter { !$0.isDocumented }.count == 14)
        #expect(!MatrixPair(.azurePortal, .install).isDocumented)
        for source in MarketplaceSource.allCases {
            for action in LeadAction.allCases {
                #expect(pairs.contains(MatrixPair(source, action)))
            }
        }
    }

    @Test func leadSourceStringFollowsMicrosoftsTestLead() {
        let offer = Offer(id: "checkpoint.check-point-r77-10sg-byol", title: "Check Point")
        let pair = MatrixPair(.azureMarketplace, .install)
        #expect(
            LeadSourceFormat().leadSource(pair: pair, offer: offer)
                == "AzureMarketplace-INS|checkpoint.check-point-r77-10sg-byol")
        #expect(
            LeadSourceFormat(style: .spaced).leadSource(pair: pair, offer: offer)
                == "AzureMarketplace-INS | checkpoint.check-point-r77-10sg-byol")
        let appSource = MatrixPair(.appSource, .partnerLedTrial)
        #expect(LeadSourceFormat().leadSource(pair: appSource, offer: offer).hasPrefix("SPZA-PLT|"))
        #expect(
            LeadSourceFormat(appSource: .appSourceSPZA).leadSource(pair: appSource, offer: offer).hasPrefix(
                "AppSource (SPZA)-PLT|"))
        #expect(
            LeadSourceFormat(appSource: .appSource).leadSource(pair: appSource, offer: offer).hasPrefix(
                "AppSource-PLT|"))
    }

    @Test func offerValidationRejectsMalformedIDs() throws {
        #expect(throws: LeadCheckError.self) { try Offer.validated(id: "nodot", title: "T") }
        #expect(throws: LeadCheckError.self) { try Offer.validated(id: "pub.off er", title: "T") }
        #expect(throws: LeadCheckError.self) { try Offer.validated(id: "pub.off|er", title: "T") }
        #expect(throws: LeadCheckError.self) { try Offer.validated(id: ".offer", title: "T") }
        #expect(throws: LeadCheckError.self) { try Offer.validated(id: "pub.offer", title: "  ") }
        #expect(
            try Offer.validated(id: "docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145", title: "DocuSign").id.hasPrefix(
                "docusign."))
    }

    @Test func choiceErrorsNameTheFlagAndEveryValidValue() {
        do {
            let _: LeadVariant = try Choice.parse("weird", flag: "--variants")
            Issue.record("no error")
        } catch {
            #expect(error.exitStatus == .usage)
            #expect(error.message.contains("--variants"))
            for variant in LeadVariant.allCases { #expect(error.message.contains(variant.rawValue)) }
        }
        #expect(
            (try? Choice.parseList("unicode,typical,unicode", flag: "--variants")) == [LeadVariant.unicode, .typical])
        #expect((try? Choice.parse("SPZA", flag: "--app-source")) == AppSourceToken.spza)
        #expect((try? Choice.parse("AppSource (SPZA)", flag: "--app-source")) == AppSourceToken.appSourceSPZA)
    }

    @Test func runIDsAreValidatedAndDerivedDeterministically() {
        #expect(RunID.derived(fromSeed: 42) == RunID.derived(fromSeed: 42))
        #expect(RunID.derived(fromSeed: 42) != RunID.derived(fromSeed: 43))
        #expect(throws: LeadCheckError.self) { try RunID("ABC123") }
        #expect(throws: LeadCheckError.self) { try RunID("ab") }
        #expect(throws: LeadCheckError.self) { try RunID("ab_cd") }
        #expect((try? RunID("run42abc"))?.marker(7) == "LCTEST_run42abc_7")
    }
}
