import Foundation
import LeadFlowFiles
import LeadFlows
import LeadModel
import LeadTransport
import TestSupport
import Testing

/// The static check and the sandbox's engine read the same flow with code of their own. On every
/// example flow (`fixtures/flows/*.json`, and the real-world shapes in `fixtures/flows/real/`,
/// each modelled on a public definition its manifest cites), every shape of lead Microsoft sends
/// is POSTed to a sandbox running the flow, and what happened to it — refused by the trigger,
/// failed in the run, kept nothing, kept something — must be a fate `flow check` foresaw for it.
@Suite(.serialized) struct FlowDifferentialTests {
    struct Manifest: Decodable {
        struct Entry: Decodable {
            struct Model: Decodable {
                let repository: String
                let path: String
                let commit: String?
            }
            struct Expected: Decodable {
                let exit: Int32
                let errors: [String]
            }
            let file: String
            let modelledOn: Model
            let expected: Expected
        }
        let flows: [Entry]
    }

    static let flowsFolder = LeadCheckProcess.repositoryRoot.appendingPathComponent("fixtures/flows")

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(
            Manifest.self, from: Data(contentsOf: flowsFolder.appendingPathComponent("real/manifest.json")))
    }

    static func fixtures() throws -> [URL] {
        let top = try FileManager.default.contentsOfDirectory(atPath: flowsFolder.path).filter { $0.hasSuffix(".json") }
            .sorted()
        return top.map { flowsFolder.appendingPathComponent($0) }
            + (try manifest().flows.map { flowsFolder.appendingPathComponent("real/\($0.file)") })
    }

    /// What the sandbox did to one lead: the trigger's answer, then the run's status and what it stored.
    static func runFate(status: Int, runID: String?, runs: [String: String], stored: Any?) -> LeadFate {
        guard (200..<300).contains(status) else { return .refused }
        guard let runID, let run = runs[runID] else { return .refused }
        guard run == "Succeeded" else { return .failed }
        return stored.map(hasValue) == true ? .kept : .keptNothing
    }

    static func hasValue(_ value: Any) -> Bool {
        switch value {
        case is NSNull: false
        case let object as [String: Any]: object.values.contains(where: hasValue)
        case let array as [Any]: array.contains(where: hasValue)
        default: true
        }
    }

    @Test func theManifestCitesAPublicModelForEveryRealWorldFlow() throws {
        let manifest = try Self.manifest()
        #expect(manifest.flows.count >= 12)
        let files = Set(
            try FileManager.default.contentsOfDirectory(atPath: Self.flowsFolder.appendingPathComponent("real").path)
                .filter { $0 != "manifest.json" })
        #expect(
            Set(manifest.flows.map(\.file)) == files,
            "every file in fixtures/flows/real has a manifest entry, and no more")
        for entry in manifest.flows {
            #expect(entry.modelledOn.repository.contains("/") && !entry.modelledOn.path.isEmpty, "\(entry.file)")
            #expect(entry.modelledOn.commit.map { $0.count == 40 } ?? true, "\(entry.file)")
        }
    }

    @Test func flowCheckGivesEachRealWorldFlowItsExpectedVerdict() async throws {
        let directory = try TemporaryDirectory()
        for entry in try Self.manifest().flows {
            let path = Self.flowsFolder.appendingPathComponent("real/\(entry.file)").path
            let json = directory.path("\(entry.file).report.json")
            let result = try await LeadCheckProcess.run(["flow", "check", path, "--json", json])
            #expect(
                result.status == entry.expected.exit,
                "\(entry.file): \(result.stdoutText.prefix(1500)) \(result.stderr)")
            guard result.status != 2, let data = FileManager.default.contents(atPath: json),
                let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let issues = report["issues"] as? [[String: Any]]
            else {
                Issue.record("\(entry.file): no report: \(result.stderr)")
                continue
            }
            let errors = Set(
                issues.filter { $0["severity"] as? String == "error" }.compactMap { $0["code"] as? String })
            for code in entry.expected.errors {
                #expect(errors.contains(code), "\(entry.file): \(code) missing from \(errors)")
            }
            // One finding per place in the file.
            let places = issues.map { "\($0["origin"] ?? "")#\($0["pointer"] ?? "")" }
            #expect(places.count == Set(places).count, "\(entry.file): a pointer reported twice: \(places)")
            #expect(
                !issues.contains {
                    ($0["message"] as? String ?? "").contains("502")
                        && entry.file == "condition-response-both-branches.json"
                })
        }
    }

    @Test func theStaticVerdictIsWhatTheRunDidToEveryLeadShape() async throws {
        let sandbox = try SandboxProcess()
        let client = try HTTPClient()
        let checker = FlowChecker()
        var compared = 0
        for fixture in try Self.fixtures() {
            let name = fixture.lastPathComponent
            let documents = try FlowFileReader.read(path: fixture.path)
            let expected = checker.fates(try #require(documents.first))
            let load = try await client.send(
                HTTPRequest(
                    method: "PUT", url: sandbox.inspectionURL + "/flow",
                    body: .bytes(Array(try Data(contentsOf: fixture)), contentType: "application/json")))
            #expect(load.status == 200, "\(name): \(String(decoding: load.body, as: UTF8.self))")
            var answers: [(status: Int, runID: String?, stored: Any?)] = []
            var storedSoFar = (try await sandbox.inspect("/leads?destination=https") as? [Any])?.count ?? 0
            for (payload, _) in expected {
                let body = Array(try JSONEncoder().encode(payload.body))
                let response = try await client.send(
                    HTTPRequest(
                        method: "POST", url: sandbox.httpsURL + "/workflows/sandbox/triggers/manual/paths/invoke",
                        body: .bytes(body, contentType: "application/json")))
                let leads = (try await sandbox.inspect("/leads?destination=https") as? [[String: Any]]) ?? []
                let newest = leads.max { Int($0["id"] as? String ?? "") ?? 0 < Int($1["id"] as? String ?? "") ?? 0 }
                let stored = leads.count > storedSoFar ? newest?["record"] : nil
                storedSoFar = leads.count
                answers.append((response.status, response.headers["x-ms-workflow-run-id"], stored))
            }
            let runList = (try await sandbox.inspect("/flow/runs") as? [[String: Any]]) ?? []
            var runs: [String: String] = [:]
            for run in runList { if let id = run["id"] as? String { runs[id] = run["status"] as? String } }
            for ((payload, fates), answer) in zip(expected, answers) {
                let stored =
                    (answer.stored as? String).flatMap {
                        try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed])
                    } ?? answer.stored
                let happened = Self.runFate(status: answer.status, runID: answer.runID, runs: runs, stored: stored)
                #expect(
                    fates.contains(happened),
                    """
                    \(name), \(payload.label): flow check foresaw \(fates.map(\.rawValue).sorted()), the\
                     sandbox's run \(happened.rawValue) (HTTP \(answer.status))
                    """
                )
                compared += 1
            }
        }
        #expect(compared > 1000)
    }
}
