import Testing

@testable import LeadSandbox

@Suite struct FaultParsingTests {
    @Test func validSpecsParse() throws {
        #expect(try Fault(parsing: "*:latency=250ms").effect == .latency(milliseconds: 250))
        #expect(try Fault(parsing: "https:status=500").effect == .status(500))
        #expect(try Fault(parsing: "azure-table:fail-first=3").effect == .failFirst(3))
        #expect(try Fault(parsing: "https:require-sig=abc").effect == .requireSig("abc"))
        #expect(try Fault(parsing: "marketo:missing-field=leadSource").effect == .missingField("leadSource"))
        #expect(try Fault(parsing: "*:latency=2s").effect == .latency(milliseconds: 2000))
    }

    @Test(arguments: [
        "nocolon", "ftp:drop", "https:explode", "https:status=999", "https:latency=fast", "azure-table:require-sig=x",
        "https:fail-first=-1",
    ])
    func invalidSpecsNameWhatIsValid(_ spec: String) {
        do {
            _ = try Fault(parsing: spec)
            Issue.record("\(spec) parsed")
        } catch {
            #expect(error.description.contains(spec))
        }
    }

    @Test func unknownFaultListsEveryValidName() {
        do { _ = try Fault(parsing: "https:explode") } catch {
            for name in ["latency=DURATION", "drop", "throttle", "tls-expired", "salesforce:daily-limit"] {
                #expect(error.reason.contains(name))
            }
        }
    }

    @Test func failFirstCountsPerService() throws {
        let faults = FaultSet([try Fault(parsing: "*:fail-first=2")])
        #expect(faults.consumeFailFirst(.https) && faults.consumeFailFirst(.https))
        #expect(!faults.consumeFailFirst(.https))
        #expect(faults.consumeFailFirst(.azureTable))
    }
}
