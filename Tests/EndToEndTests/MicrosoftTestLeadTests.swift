import Foundation
import LeadModel
import LeadSandbox
import TestSupport
import Testing

/// `msft-test` leads are Microsoft's Validate lead as published (docs/reference/lead.md §2 and
/// docs/reference/azure-table.md §2), compared with `fixtures/microsoft/validate-lead.json`, which
/// holds the published values with their sources, and with leadcheck's own token in place of
/// Microsoft's.
@Suite(.serialized) struct MicrosoftTestLeadTests {
    /// The published shapes of the Validate lead, each with its source.
    struct Reference: Decodable {
        struct Form: Decodable { let fields: [[String]] }
        struct Text: Decodable { let text: String }
        struct Entry: Decodable { let value: [String: String] }
        let salesforceForm: Form
        let faqJSON: Text
        let tableCustomerInfo: Entry
    }

    static func reference() throws -> Reference {
        let url = LeadCheckProcess.repositoryRoot.appendingPathComponent("fixtures/microsoft/validate-lead.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    static var token: Regex<AnyRegexOutput> { try! Regex("MSFT_TEST_[0-9]{18}") }

    /// Microsoft's values with their token replaced by ours and the doc's offer by ours.
    static func ours(_ value: String, token: String, offer: String) -> String {
        value.replacing(Self.token, with: token).replacingOccurrences(of: "<Offer Name>", with: offer)
            .replacingOccurrences(of: "Contoso Test", with: offer)
    }

    static func generate(_ format: String) async throws -> String {
        let result = try await LeadCheckProcess.run([
            "generate", "--seed", "42", "--variants", "msft-test", "--locales", "en-US", "--format", format,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdoutText
    }

    static func firstToken(_ text: String) throws -> String {
        String(try #require(text.firstMatch(of: token)).output[0].substring ?? "")
    }

    @Test func theSalesforceFormIsTheReferenceTestLead() async throws {
        let reference = try Self.reference().salesforceForm.fields.map { ($0[0], $0[1]) }
        #expect(reference.count == 12)
        let body = try await Self.generate("salesforce").split(separator: "\n")[0]
        let fields = body.split(separator: "&").map { pair -> (String, String) in
            let kv = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
        let token = try Self.firstToken(String(body.removingPercentEncoding ?? ""))
        let sent = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        // Every field of the reference, with Microsoft's values (encoding once in the form; the
        // second `encoding` is the servlet URL's query, docs/reference/lead.md §2).
        for (name, value) in reference where name != "oid" {
            #expect(sent[name] == Self.ours(value, token: token, offer: "Contoso Analytics"), "\(name)")
        }
        #expect(Set(sent.keys) == Set(reference.map(\.0)))
    }

    @Test func theHTTPSBodyIsTheFAQsJSON() async throws {
        // The FAQ's JSON misses a comma after OfferTitle (docs/reference/lead.md §2 say so); put it back.
        let text = try Self.reference().faqJSON.text.replacingOccurrences(
            of: "\"\n    \"Description\"", with: "\",\n    \"Description\"")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let line = try await Self.generate("https").split(separator: "\n")[0]
        let sent = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let token = try Self.firstToken(String(line))
        #expect(Set(sent.keys) == Set(reference.keys))
        for (key, value) in reference where key != "userDetails" {
            #expect(
                sent[key] as? String == Self.ours(value as! String, token: token, offer: "Contoso Analytics"), "\(key)")
        }
        let user = try #require(sent["userDetails"] as? [String: String])
        let referenceUser = try #require(reference["userDetails"] as? [String: String])
        #expect(user == referenceUser.mapValues { Self.ours($0, token: token, offer: "") })
    }

    @Test func theTableCustomerInfoIsTheRealSampleEntry() async throws {
        let reference = try Self.reference().tableCustomerInfo.value
        let line = try await Self.generate("azure-table").split(separator: "\n")[0]
        let entity = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let info = try #require(
            try JSONSerialization.jsonObject(with: Data((entity["CustomerInfo"] as! String).utf8)) as? [String: String])
        let token = try Self.firstToken(String(line))
        #expect(info == reference.mapValues { Self.ours($0, token: token, offer: "") })
        #expect(entity["Description"] as? String == token)
    }

    @Test(arguments: ["json", "ndjson", "csv", "dynamics", "marketo"])
    func everyOtherFormatCarriesTheReferenceValues(_ format: String) async throws {
        let output = try await Self.generate(format)
        let token = try Self.firstToken(output)
        // The customer values of the reference's test lead, each present as Microsoft sends it.
        for value in ["\(token)@test.com", "1234567890", "US", token] {
            #expect(output.contains(value), "\(format): \(value)")
        }
        #expect(token.count == "MSFT_TEST_".count + 18)
    }

    @Test func verifyPassesOnMicrosoftsTestLeadAndLeavesNothingBehind() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        let result = try await LeadCheckProcess.run(
            ["verify", "--config", config, "--variants", "msft-test", "--locales", "en-US"], timeout: 120)
        #expect(result.status == 0, "\(result.stdoutText.suffix(1200))")
        for destination in ["https", "azure-table", "dynamics", "marketo", "salesforce"] {
            #expect(try await sandbox.count(destination, prefix: "MSFT_TEST_") == 0, "\(destination)")
        }
    }
}
