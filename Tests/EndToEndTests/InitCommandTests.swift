import Foundation
import LeadDestinations
import TestSupport
import Testing

@Suite struct InitCommandTests {
    @Test func initWritesAStarterAndRefusesToOverwrite() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("leadcheck.yaml")
        let first = try await LeadCheckProcess.run(["init", "--output", path])
        #expect(first.status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for kind in ["type: https", "type: azure-table", "type: dynamics", "type: marketo", "type: salesforce"] {
            #expect(text.contains(kind))
        }
        let again = try await LeadCheckProcess.run(["init", "--output", path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("--force"))
        #expect(try await LeadCheckProcess.run(["init", "--output", path, "--force"]).status == 0)
    }

    @Test func sandboxWritesAConfigThatPointsAtItself() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("sandbox.yaml")
        let sandbox = try SandboxProcess(["--write-config", path], directory: directory)
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(config.destinations.count == 5)
        guard case .https(let https) = config.destinations[0].settings, case let url = https.url,
            case let inspection = https.inspectionURL
        else {
            Issue.record("not https")
            return
        }
        #expect(url.reveal() == sandbox.httpsURL)
        #expect(inspection == sandbox.inspectionURL)
        #expect(sandbox.stop() == 0)
    }
}
