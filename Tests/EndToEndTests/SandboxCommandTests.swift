import Foundation
import LeadModel
import LeadTransport
import LeadWire
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Serialized: each test starts sandboxes and binaries, and running them all at once starves the
/// two-core machine for every other suite.
@Suite(.serialized) struct SandboxCommandTests {
    @Test func leadsSentToTheSinkAreStoredAndSIGTERMExitsZero() async throws {
        let sandbox = try SandboxProcess()
        let sent = try await LeadCheckProcess.run(
            ["send", "--count", "30", "--concurrency", "4", "--seed", "7"],
            environment: ["LEADCHECK_SEND_URL": sandbox.httpsURL])
        #expect(sent.status == 0, "\(sent.stdoutText) \(sent.stderr)")
        #expect(sent.stdoutText.contains("202: 30"))
        #expect(try await sandbox.count("https") == 30)
        #expect(sandbox.stop() == 0)
    }

    @Test func malformedRequestsGetTheServiceErrorAndStoreNothing() async throws {
        let sandbox = try SandboxProcess(["--fault", "https:require-sig=s3cret"])
        let client = try HTTPClient()
        let bad = try await client.send(
            HTTPRequest(
                method: "POST", url: sandbox.httpsURL + "&sig=s3cret",
                body: .bytes(Array("{not json".utf8), contentType: "application/json")))
        #expect(bad.status == 400)
        #expect(bad.text.contains("InvalidRequestContent"))
        let unsigned = try await client.send(
            HTTPRequest(
                method: "POST", url: sandbox.httpsURL, body: .bytes(Array("{}".utf8), contentType: "application/json")))
        #expect(unsigned.status == 401)
        #expect(unsigned.text.contains("DirectApiAuthorizationRequired"))
        let huge = try await client.send(
            HTTPRequest(
                method: "POST", url: sandbox.httpsURL + "&sig=s3cret",
                body: .bytes([UInt8](repeating: 0x20, count: 2 << 20), contentType: "application/json")))
        #expect(huge.status == 413)
        let tableURL = (sandbox.azureTable["connectionString"] as! String).components(separatedBy: "TableEndpoint=")[1]
            .replacingOccurrences(of: ";", with: "")
        let noAuth = try await client.send(
            HTTPRequest(
                method: "POST", url: tableURL + "/Tables",
                body: .bytes(Array("{\"TableName\":\"X\"}".utf8), contentType: "application/json")))
        #expect(noAuth.status == 403)
        // The real service puts the code in the body only (docs/reference/azure-table.md §8).
        #expect(noAuth.headers["x-ms-error-code"] == nil)
        #expect(noAuth.text.contains(#""code":"AuthenticationFailed""#))
        let leads = try await sandbox.inspect("/leads") as! [Any]
        #expect(leads.isEmpty, "nothing stored for rejected requests")
    }

    /// A lead the sandbox acknowledged is in SQLite when the acknowledgement is sent: SIGKILL
    /// under load, restart on the same file, every acknowledged marker is there.
    @Test func acknowledgedLeadsSurviveSIGKILL() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("sandbox.sqlite")
        let sandbox = try SandboxProcess(["--data", data], directory: directory)
        let client = try HTTPClient(
            options: TransportOptions(totalTimeoutMilliseconds: 5000, maxConcurrentTransfers: 8))
        let generator = LeadGenerator(
            options: GenerationOptions(
                seed: 11, variants: [.typical], locales: [.enUS], count: 2000, runID: try RunID("durable1")))
        let encoder = HTTPSLeadEncoder()
        let acknowledged = AcknowledgedMarkers()
        let url = sandbox.httpsURL
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var index = worker
                    while index < generator.count {
                        let lead = generator.lead(at: index)
                        let request = HTTPRequest(
                            method: "POST", url: url,
                            body: .bytes(encoder.encode(lead), contentType: "application/json"))
                        guard let response = try? await client.send(request) else { return }
                        if response.status == 202 { acknowledged.add(lead.marker) }
                        index += 8
                    }
                }
            }
            group.addTask {
                while acknowledged.count < 150 { try? await Task.sleep(for: .milliseconds(5)) }
                _ = sandbox.stop(signal: SIGKILL)
            }
        }
        let acked = acknowledged.all
        #expect(acked.count >= 150)
        let restarted = try SandboxProcess(["--data", data], directory: directory)
        let stored = try await restarted.inspect("/leads?destination=https") as! [[String: Any]]
        let markers = Set(stored.compactMap { $0["marker"] as? String })
        let lost = acked.subtracting(markers)
        #expect(lost.isEmpty, "\(lost.count) acknowledged leads lost")
        #expect(restarted.stop() == 0)
    }

    @Test func faultsMakeSendFailTheRightWay() async throws {
        let failing = try SandboxProcess(["--fault", "https:status=500"])
        let status = try await LeadCheckProcess.run(
            ["send", "--count", "3", "--json"], environment: ["LEADCHECK_SEND_URL": failing.httpsURL])
        #expect(status.status == 4)
        let dropping = try SandboxProcess(["--fault", "https:drop"])
        let dropped = try await LeadCheckProcess.run(
            ["send", "--count", "3"], environment: ["LEADCHECK_SEND_URL": dropping.httpsURL])
        #expect(dropped.status == 3)
        #expect(dropped.stdoutText.contains("http.protocol"), "\(dropped.stdoutText)")
        // Faults change at run time through the inspection API.
        _ = try await dropping.inspect("/faults", method: "PUT", body: #"{"faults":["https:fail-first=1"]}"#)
        let recovered = try await LeadCheckProcess.run(
            ["send", "--count", "3", "--concurrency", "1", "--json"],
            environment: ["LEADCHECK_SEND_URL": dropping.httpsURL])
        let summary = try JSONSerialization.jsonObject(with: recovered.stdout) as! [String: Any]
        #expect((summary["statuses"] as? [String: Int]) == ["500": 1, "202": 2])
    }

    @Test func tlsServesWithAGeneratedCAAndItsFaults() async throws {
        let sandbox = try SandboxProcess(["--tls"])
        let caFile = try #require(sandbox.caFile)
        #expect(sandbox.httpsURL.hasPrefix("https://"))
        let trusted = try await LeadCheckProcess.run(
            ["send", "--count", "2", "--cacert", caFile], environment: ["LEADCHECK_SEND_URL": sandbox.httpsURL])
        #expect(trusted.status == 0, "\(trusted.stdoutText)")
        let untrusted = try await LeadCheckProcess.run(
            ["send", "--count", "1"], environment: ["LEADCHECK_SEND_URL": sandbox.httpsURL])
        #expect(untrusted.status == 3)
        #expect(untrusted.stdoutText.contains("tls.untrusted"))
        let expired = try SandboxProcess(["--tls", "--fault", "*:tls-expired"])
        let result = try await LeadCheckProcess.run(
            ["send", "--count", "1", "--cacert", expired.caFile!], environment: ["LEADCHECK_SEND_URL": expired.httpsURL]
        )
        #expect(result.status == 3)
        #expect(result.stdoutText.contains("tls.expired"), "\(result.stdoutText)")
    }

    @Test func seededRealLeadsAreKeptApartFromTestLeadsInEveryDestination() async throws {
        let sandbox = try SandboxProcess()
        let seeds = [
            #"{"destination":"https","body":{"UserDetails":{"Email":"real.customer@contoso.com"},"Description":"a real lead"}}"#,
            #"""
            {"destination":"azure-table","account":"devstoreaccount1","table":"MarketplaceLeads","entity":{"Pa\#
            rtitionKey":"1:2F1:2F2026","RowKey":"real-1","Description":"real"}}
            """#,
            #"{"destination":"dynamics","record":{"lastname":"Real","emailaddress1":"real@contoso.com"}}"#,
            #"{"destination":"salesforce","record":{"LastName":"Real","Company":"Contoso","Email":"real@contoso.com"}}"#,
            #"{"destination":"marketo","record":{"email":"real@contoso.com","lastName":"Real"}}"#,
        ]
        for seed in seeds {
            let answer = try await sandbox.inspect("/seed", method: "POST", body: seed) as! [String: Any]
            #expect(answer["id"] != nil, "\(seed)")
        }
        let sent = try await LeadCheckProcess.run(
            ["send", "--count", "4", "--seed", "1"], environment: ["LEADCHECK_SEND_URL": sandbox.httpsURL])
        #expect(sent.status == 0)
        let all = try await sandbox.inspect("/counts") as! [String: Int]
        #expect(all == ["https": 5, "azure-table": 1, "dynamics": 1, "salesforce": 1, "marketo": 1])
        let test = try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int]
        #expect(test == ["https": 4, "azure-table": 0, "dynamics": 0, "salesforce": 0, "marketo": 0])
    }

    @Test func mojibakeFaultCorruptsWhatTheSinkStores() async throws {
        let sandbox = try SandboxProcess(["--fault", "https:mojibake"])
        let sent = try await LeadCheckProcess.run(
            ["send", "--count", "1", "--seed", "1", "--variants", "unicode", "--locales", "de-DE"],
            environment: ["LEADCHECK_SEND_URL": sandbox.httpsURL])
        #expect(sent.status == 0)
        let leads = try await sandbox.inspect("/leads?destination=https") as! [[String: Any]]
        let record = try #require(leads.first?["record"] as? String)
        #expect(record.contains("Ã"), "UTF-8 read as Latin-1 is stored: \(record.prefix(200))")
    }

    @Test func unknownFaultIsAUsageErrorListingTheValidOnes() async throws {
        let result = try await LeadCheckProcess.run(["sandbox", "--fault", "https:explode"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("latency=DURATION"))
    }
}

/// Markers of leads the sandbox answered 202 for, collected across tasks.
final class AcknowledgedMarkers: @unchecked Sendable {
    private let lock = NSLock()
    private var markers: Set<String> = []

    func add(_ marker: String) {
        lock.lock()
        markers.insert(marker)
        lock.unlock()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return markers.count
    }

    var all: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return markers
    }
}
