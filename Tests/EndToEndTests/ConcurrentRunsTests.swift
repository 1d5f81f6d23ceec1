import Foundation
import TestSupport
import Testing

/// Ten `verify` runs at once against one sandbox, with Dataverse and Marketo throttling at the
/// start: every run passes (waiting the throttling out), no run reads or deletes another run's
/// leads, nothing is left behind and the real leads stay. `LEADCHECK_CONCURRENT_RUNS` changes
/// the count (scripts/soak).
@Suite(.serialized) struct ConcurrentRunsTests {
    static let runs = ProcessInfo.processInfo.environment["LEADCHECK_CONCURRENT_RUNS"].flatMap(Int.init) ?? 10

    @Test func tenRunsAtOnceStayApart() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(
            ["--write-config", config, "--fault", "dynamics:throttle=6", "--fault", "marketo:throttle=6"],
            directory: directory)
        for seed in KillAndCleanupTests.realLeads { _ = try await sandbox.inspect("/seed", method: "POST", body: seed) }
        let started = Date()
        let results = try await withThrowingTaskGroup(of: (Int, LeadCheckProcess.Result).self) { group in
            for run in 0..<Self.runs {
                group.addTask {
                    let json = directory.path("run-\(run).json")
                    // The same seed in every run: the leads are identical but for their run ids.
                    let result = try await LeadCheckProcess.run(
                        [
                            "verify", "--config", config, "--seed", "5", "--variants", "typical", "--locales", "en-US",
                            "--json", json, "--journal", directory.path("run-\(run).journal"), "--timeout", "40",
                        ], timeout: 120)
                    return (run, result)
                }
            }
            return try await group.reduce(into: [(Int, LeadCheckProcess.Result)]()) { $0.append($1) }
        }
        var runIDs = Set<String>()
        for (run, result) in results.sorted(by: { $0.0 < $1.0 }) {
            #expect(result.status == 0, "run \(run): \(result.stdoutText.suffix(600))")
            let report =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: directory.path("run-\(run).json")))) as! [String: Any]
            runIDs.insert(report["runId"] as! String)
            #expect((report["results"] as! [[String: Any]]).count == 30)
        }
        #expect(runIDs.count == Self.runs, "every run has its own run id, so its own markers")
        let left = try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int]
        #expect(left.values.allSatisfy { $0 == 0 }, "every run removed its own leads: \(left)")
        let all = try await sandbox.inspect("/counts") as! [String: Int]
        #expect(
            all == ["https": 1, "azure-table": 1, "dynamics": 1, "marketo": 1, "salesforce": 1],
            "real leads untouched: \(all)")
        print(
            "ConcurrentRunsTests: \(Self.runs) runs × 30 checks in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
        )
    }
}
