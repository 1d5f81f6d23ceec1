import Foundation
import Testing

@testable import LeadDestinations
@testable import LeadModel
@testable import LeadTransport
@testable import LeadVerification

/// Fixed-seed fuzzing of everything that reads untrusted text: the config parser, the
/// connection-string parser, the Partner Center import and the results decoder. Every input
/// must be either accepted or refused with a `LeadCheckError` naming the place — never a crash,
/// a hang or another error type. `LEADCHECK_FUZZ_ITERATIONS` raises the count (scripts/soak).
@Suite struct FuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["LEADCHECK_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2000

    static let config = """
        version: 1
        offer:
          id: contoso.contoso-analytics
          title: "Contoso Analytics"
        defaults:
          matrix: documented
          variants: [typical, unicode]
          locales: [en-US, ja-JP]
          seed: 42
          timeout: 30s
        destinations:
          - name: hook
            type: https
            url: ${HOOK_URL:-https://example.com/hook?sig=abc}
          - name: table
            type: azure-table
            connectionString: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net"
          - name: crm
            type: dynamics
            instanceUrl: https://contoso.crm4.dynamics.com
            tenantId: t
            clientId: c
            clientSecret: ${SECRET}
          - name: mkto
            type: marketo
            munchkinId: 123-ABC-456
            formId: 7
            clientId: c
            clientSecret: s
          - name: sf
            type: salesforce
            orgId: 00D000000000001
            instanceUrl: https://x.my.salesforce.com
            clientId: c
            clientSecret: s
        """

    /// Mutates bytes: flips, YAML-significant insertions, deletions, truncation, duplication.
    static func mutate(_ input: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        let specials = Array(":-[]{}&*!|>'\"%@`#,?\n\t \\\u{0}".utf8) + [0xFF, 0xC3, 0xE2, 0x80]
        for _ in 0..<(1 + rng.below(6)) {
            guard !bytes.isEmpty else { break }
            let at = rng.below(bytes.count)
            switch rng.below(6) {
            case 0: bytes[at] = rng.pick(specials)
            case 1: bytes.insert(rng.pick(specials), at: at)
            case 2: bytes.remove(at: at)
            case 3: bytes = Array(bytes.prefix(at))
            case 4: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + rng.below(40))], at: at)
            default: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            }
        }
        return bytes
    }

    @Test func configParserAcceptsOrNamesTheProblem() {
        var rng = SeededGenerator(seed: 0xC0F1)
        var refused = 0
        for _ in 0..<Self.iterations {
            let bytes = Self.mutate(Array(Self.config.utf8), &rng)
            // The loader rejects invalid UTF-8 itself; the parser sees text.
            let text = String(decoding: bytes, as: UTF8.self)
            do throws(LeadCheckError) {
                _ = try ConfigLoader.parse(text, file: "fuzz.yaml", environment: ["SECRET": "x"])
            } catch {
                refused += 1
                #expect(error.code == "input.invalid" || error.code == "usage.invalid-value", "\(error.code)")
                #expect(error.message.contains("fuzz.yaml"), "\(error.message)")
            }
        }
        #expect(refused > 0 && refused < Self.iterations, "the mutations hit both sides (\(refused) refused)")
    }

    @Test func configFilesThatAreHugeOrNotUTF8AreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = directory.appendingPathComponent("huge.yaml")
        try Data(repeating: UInt8(ascii: "#"), count: ConfigLoader.maxBytes + 1).write(to: huge)
        let binary = directory.appendingPathComponent("binary.yaml")
        try Data([0x76, 0x65, 0x72, 0xFF, 0xFE, 0x00]).write(to: binary)
        let bomb = directory.appendingPathComponent("bomb.yaml")
        try "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nversion: 1\n".write(
            to: bomb, atomically: true, encoding: .utf8)
        for (url, expected) in [(huge, "larger than"), (binary, "not valid UTF-8"), (bomb, "anchors and aliases")] {
            do throws(LeadCheckError) {
                _ = try ConfigLoader.load(path: url.path, environment: [:])
                Issue.record("\(url.lastPathComponent) was accepted")
            } catch {
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
    }

    @Test func connectionStringParserAcceptsOrNamesTheProblem() {
        var rng = SeededGenerator(seed: 0xC5C5)
        let parts = [
            "DefaultEndpointsProtocol=https", "AccountName=a", "AccountKey=a2V5", "EndpointSuffix=core.windows.net",
            "TableEndpoint=http://127.0.0.1:1/a",
            ";", "=", ";;", "AccountKey=", "AccountKey=not base64!", "TableEndpoint=ftp://x",
            "SharedAccessSignature=sv=1&sig=2", "\u{0}", "é",
        ]
        for _ in 0..<Self.iterations {
            let text = (0..<rng.below(7)).map { _ in rng.pick(parts) }.joined(separator: rng.below(2) == 0 ? ";" : "")
            do throws(LeadCheckError) {
                _ = try AzureConnectionString(parsing: Secret(text, source: "fuzz"))
            } catch {
                #expect(
                    error.code == "input.invalid" || error.code == "usage.invalid-value",
                    "\(error.code): \(error.message)")
                #expect(!error.message.contains("a2V5"), "the key is never echoed")
            }
        }
    }

    @Test func partnerCenterAndResultsDecodersAcceptOrNameTheProblem() throws {
        var rng = SeededGenerator(seed: 0xDEC0)
        let sample = try Data(contentsOf: Fixtures.root.appendingPathComponent("reports/sample.json"))
        let partnerCenter = Array(
            #"""
            {"leadDestination":"dynamics","dynamicsLeadConfiguration":{"instanceUrl":"https://c.crm.dynamics.c\#
            om","authentication":"azureAD","applicationId":"a","applicationKey":"k","directoryId":"d"}}
            """#
            .utf8)
        for _ in 0..<Self.iterations {
            let report = Self.mutate(
                Array(sample.prefix(4000)) + Array(sample.suffix(from: min(sample.count, 4000))), &rng)
            do throws(LeadCheckError) { _ = try VerifyReport.decode(Data(report), file: "r.json") } catch {
                #expect(error.code == "input.invalid" && error.message.contains("r.json"))
            }
            let document = Self.mutate(partnerCenter, &rng)
            do throws(LeadCheckError) {
                _ = try PartnerCenterImport.destination(
                    from: Data(document), file: "pc.json", base: nil, environment: [:])
            } catch {
                #expect(error.code == "input.invalid" && error.message.contains("pc.json"))
            }
        }
    }
}

/// Fixed-seed fuzzing of the destinations' response decoders: Marketo's envelope, Entra's and
/// Dataverse's errors, Salesforce's error arrays, the retry verdicts and `Retry-After`. Every
/// answer gives a verdict and a finding with a hint — never a crash.
@Suite struct ResponseDecoderFuzzTests {
    static let bodies = [
        #"""
        {"success":false,"errors":[{"code":"606","message":"Max rate\#
         limit"}],"result":[{"id":1,"status":"skipped","reasons":[{"code":"1006","message":"Field 'title' not\#
         found"}]}]}
        """#,
        #"""
        {"error":{"code":"0x80044331","message":"A validation error occurred. The length of the 'firstname'\#
         attribute of the 'lead' entity exceeded the maximum allowed length of '50'."}}
        """#,
        #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Trace ID: x"}"#,
        #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#,
        #"{"access_token":"t","instance_url":"https://x","expires_in":3599}"#,
    ]

    @Test func everyDecoderGivesAVerdictAndAHintedFinding() async throws {
        var rng = SeededGenerator(seed: 0xFE0D)
        let client = try HTTPClient()
        defer { client.shutdown() }
        let dynamics = DynamicsDestination(
            name: "d",
            settings: DynamicsSettings(
                instanceURL: "http://127.0.0.1:1", tenantID: "t", clientID: "c", clientSecret: Secret("s", source: "t")),
            client: client)
        let marketo = MarketoDestination(
            name: "m",
            settings: MarketoSettings(
                munchkinID: "123-ABC-456", formID: 1, clientID: "c", clientSecret: Secret("s", source: "t")),
            client: client)
        let salesforce = SalesforceDestination(
            name: "s",
            settings: SalesforceSettings(
                orgID: "00D000000000001", instanceURL: "http://127.0.0.1:1", clientID: "c",
                clientSecret: Secret("s", source: "t")), client: client)
        let lead = LeadGenerator(options: GenerationOptions(seed: 1)).lead(at: 0)
        let statuses = [200, 201, 204, 301, 400, 401, 403, 404, 409, 412, 413, 429, 500, 503]
        for _ in 0..<FuzzTests.iterations {
            let body = FuzzTests.mutate(Array(rng.pick(Self.bodies).utf8), &rng)
            var headers = HTTPHeaders()
            headers.add(
                "Retry-After",
                rng.pick([
                    "2", "-1", "1e300", "nan", "Wed, 21 Oct 2015 07:28:00 GMT", "",
                    String(decoding: body.prefix(12), as: UTF8.self),
                ]))
            let response = HTTPResponse(status: rng.pick(statuses), headers: headers, body: body)
            _ = DynamicsDestination.verdict(response)
            _ = MarketoDestination.verdict(response)
            _ = SalesforceDestination.verdict(response)
            let wait = BearerSession.retryAfter(response)
            #expect(wait >= .zero && wait <= .seconds(86_400))
            var findings = [DynamicsDestination.signInFinding(response, destination: "d", settings: dynamics.settings)]
            findings.append(await dynamics.finding(response, lead: lead.marker, action: "fuzz"))
            findings.append(await marketo.finding(response, lead: lead.marker, action: "fuzz"))
            findings.append(await salesforce.finding(response, lead: lead.marker, action: "fuzz"))
            if let envelope = MarketoEnvelope(response.body), let record = envelope.result.first {
                findings.append(marketo.finding(skipped: record, lead: lead))
            }
            for finding in findings { #expect(!finding.hint.isEmpty && !finding.message.isEmpty) }
        }
    }
}
