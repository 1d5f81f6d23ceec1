import Foundation
import TestSupport
import Testing
import LeadModel
import LeadSandbox

/// `msft-test` leads are Microsoft's Validate lead as the reference notes show it
/// (`../shared/reference/destinations.md` §0.2 and §2.2), read from the notes themselves, with
/// leadcheck's own token in place of Microsoft's (issue 15).
@Suite(.serialized) struct MicrosoftTestLeadTests {
    static let notes: String = {
        let path = LeadCheckProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/destinations.md").path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }()

    /// The fenced block that follows the first line containing `anchor`.
    static func block(after anchor: String) throws -> String {
        let start = try #require(notes.range(of: anchor), "the reference notes have no '\(anchor)' (is ../shared beside the checkout?)")
        let open = try #require(notes.range(of: "```", range: start.upperBound..<notes.endIndex))
        let bodyStart = try #require(notes[open.upperBound...].firstIndex(of: "\n"))
        let close = try #require(notes.range(of: "```", range: bodyStart..<notes.endIndex))
        return String(notes[notes.index(after: bodyStart)..<close.lowerBound])
    }

    static var token: Regex<AnyRegexOutput> { try! Regex("MSFT_TEST_[0-9]{18}") }

    /// Microsoft's values with their token replaced by ours and the doc's offer by ours.
    static func ours(_ value: String, token: String, offer: String) -> String {
        value.replacing(Self.token, with: token).replacingOccurrences(of: "<Offer Name>", with: offer).replacingOccurrences(of: "Contoso Test", with: offer)
    }

    static func generate(_ format: String) async throws -> String {
        let result = try await LeadCheckProcess.run(["generate", "--seed", "42", "--variants", "msft-test", "--locales", "en-US", "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdoutText
    }

    static func firstToken(_ text: String) throws -> String { String(try #require(text.firstMatch(of: token)).output[0].substring ?? "") }

    @Test func theSalesforceFormIsTheReferenceTestLead() async throws {
        var reference: [(String, String)] = []
        for line in try Self.block(after: "(a) Salesforce form-post shape").split(separator: "\n") {
            let parts = line.components(separatedBy: " = ")
            if parts.count == 2 { reference.append((parts[0].trimmingCharacters(in: .whitespaces), parts[1])) }
        }
        #expect(reference.count == 12)
        let body = try await Self.generate("salesforce").split(separator: "\n")[0]
        let fields = body.split(separator: "&").map { pair -> (String, String) in
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
        let token = try Self.firstToken(String(body.removingPercentEncoding ?? ""))
        let sent = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        // Every field of the reference, with Microsoft's values (encoding once in the form; the
        // second `encoding` is the servlet URL's query, notes §0.2).
        for (name, value) in reference where name != "oid" {
            #expect(sent[name] == Self.ours(value, token: token, offer: "Contoso Analytics"), "\(name)")
        }
        #expect(Set(sent.keys) == Set(reference.map(\.0)))
    }

    @Test func theHTTPSBodyIsTheFAQsJSON() async throws {
        // The FAQ's JSON misses a comma after OfferTitle (notes §0.2 say so); put it back.
        let text = try Self.block(after: "(b) JSON shape").replacingOccurrences(of: "\"\n    \"Description\"", with: "\",\n    \"Description\"")
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let line = try await Self.generate("https").split(separator: "\n")[0]
        let sent = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let token = try Self.firstToken(String(line))
        #expect(Set(sent.keys) == Set(reference.keys))
        for (key, value) in reference where key != "userDetails" {
            #expect(sent[key] as? String == Self.ours(value as! String, token: token, offer: "Contoso Analytics"), "\(key)")
        }
        let user = try #require(sent["userDetails"] as? [String: String])
        let referenceUser = try #require(reference["userDetails"] as? [String: String])
        #expect(user == referenceUser.mapValues { Self.ours($0, token: token, offer: "") })
    }

    @Test func theTableCustomerInfoIsTheRealSampleEntry() async throws {
        let reference = try #require(try JSONSerialization.jsonObject(with: Data(Self.block(after: "`sample-entry.json` is the real").utf8)) as? [String: String])
        let line = try await Self.generate("azure-table").split(separator: "\n")[0]
        let entity = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let info = try #require(try JSONSerialization.jsonObject(with: Data((entity["CustomerInfo"] as! String).utf8)) as? [String: String])
        let token = try Self.firstToken(String(line))
        #expect(info == reference.mapValues { Self.ours($0, token: token, offer: "") })
        #expect(entity["Description"] as? String == token)
    }

    @Test(arguments: ["json", "ndjson", "csv", "dynamics", "marketo"])
    func everyOtherFormatCarriesTheReferenceValues(_ format: String) async throws {
        let output = try await Self.generate(format)
        let token = try Self.firstToken(output)
        // The customer values of the reference's test lead, each present as Microsoft sends it.
        for value in ["\(token)@test.com", "1234567890", "US", token] { #expect(output.contains(value), "\(format): \(value)") }
        #expect(token.count == "MSFT_TEST_".count + 18)
    }

    @Test func verifyPassesOnMicrosoftsTestLeadAndLeavesNothingBehind() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        let result = try await LeadCheckProcess.run(["verify", "--config", config, "--variants", "msft-test", "--locales", "en-US"], timeout: 120)
        #expect(result.status == 0, "\(result.stdoutText.suffix(1200))")
        for destination in ["https", "azure-table", "dynamics", "marketo", "salesforce"] {
            #expect(try await sandbox.count(destination, prefix: "MSFT_TEST_") == 0, "\(destination)")
        }
    }
}
