import Foundation
import LeadCheck
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Nothing lost, nothing extra deleted: `verify` SIGKILLed at different points against all five
/// destinations, then `cleanup --journal`, leaves no test lead anywhere and every pre-seeded real
/// lead intact. `LEADCHECK_KILL_RUNS` raises the number of runs (scripts/soak).
@Suite(.serialized) struct KillAndCleanupTests {
    static let runs = ProcessInfo.processInfo.environment["LEADCHECK_KILL_RUNS"].flatMap(Int.init) ?? 3

    static let realLeads = [
        #"{"destination":"https","body":{"UserDetails":{"Email":"real@contoso.com"},"Description":"real lead"}}"#,
        #"{"destination":"azure-table","account":"devstoreaccount1","table":"MarketplaceLeads","entity":{"PartitionKey":"1:2F1:2F2026","RowKey":"real-1","Description":"real"}}"#,
        #"{"destination":"dynamics","record":{"lastname":"Real","emailaddress1":"real@contoso.com","description":"a real customer"}}"#,
        #"{"destination":"marketo","record":{"email":"real@contoso.com","lastName":"Real"}}"#,
        #"{"destination":"salesforce","record":{"LastName":"Real","Company":"Contoso","Email":"real@contoso.com"}}"#,
    ]

    @Test func killedRunsLeaveNoTestLeadAndEveryRealLead() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        // Latency makes a run last a few seconds, so the kill lands mid-run even on a loaded machine.
        let sandbox = try SandboxProcess(["--write-config", config, "--fault", "*:latency=200ms"], directory: directory)
        for seed in Self.realLeads { _ = try await sandbox.inspect("/seed", method: "POST", body: seed) }
        let before = try await sandbox.inspect("/counts") as! [String: Int]
        #expect(before == ["https": 1, "azure-table": 1, "dynamics": 1, "marketo": 1, "salesforce": 1], "\(before)")
        var rng = SeededGenerator(seed: 0x4B11)
        var midRun = 0
        for run in 0..<Self.runs {
            let journal = directory.path("run-\(run).journal")
            let process = Process()
            process.executableURL = LeadCheckProcess.binary
            // Every other run keeps its leads until the kill; the others clean up as they go, so
            // the journal holds both sent and removed entries when the kill comes.
            process.arguments = ["verify", "--config", config, "--journal", journal, "--seed", "\(100 + run)", "--variants", "typical,hostile", "--locales", "en-US"]
                + (run % 2 == 0 ? ["--no-cleanup"] : [])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill at a different point each run: after some leads reached some destinations.
            let killAfter = 2 + rng.below(12)
            let deadline = Date().addingTimeInterval(30)
            var stored = 0
            while Date() < deadline && process.isRunning {
                let counts = try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int]
                stored = counts.values.reduce(0, +)
                if stored >= killAfter { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            if process.isRunning && stored >= killAfter { midRun += 1 }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let cleanup = try await LeadCheckProcess.run(["cleanup", "--journal", journal, "--config", config])
            #expect(cleanup.status == 0, "run \(run) (killed after \(stored) stored): \(cleanup.stdoutText) \(cleanup.stderr)")
            let left = try await sandbox.inspect("/counts?marker-prefix=LCTEST_") as! [String: Int]
            #expect(left.values.allSatisfy { $0 == 0 }, "run \(run): test leads left behind: \(left)")
            let all = try await sandbox.inspect("/counts") as! [String: Int]
            #expect(all == before, "run \(run): real leads must be untouched: \(all)")
        }
        #expect(midRun * 2 >= Self.runs, "most kills must land mid-run with test leads stored (\(midRun) of \(Self.runs))")
    }

    @Test func cleanupByPrefixRefusesPrefixesThatCouldMatchRealLeads() async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        let sandbox = try SandboxProcess(["--write-config", config], directory: directory)
        for bad in ["", "L", "LCTEST", "lctest_", "X_LCTEST_", "%", "LC%"] {
            let refused = try await LeadCheckProcess.run(["cleanup", "--config", config, "--marker-prefix", bad])
            #expect(refused.status == 1, "'\(bad)' must be refused: \(refused.stdoutText)")
        }
        _ = sandbox
    }
}
