import Foundation
import TestSupport
import Testing

/// Hostile command-line values: every one is refused with exit 1 (usage) or 2 (input) and a
/// message naming the flag — never a crash, a hang or a run with a silently clamped value.
@Suite struct HostileFlagTests {
    @Test(arguments: [
        (["verify", "--sandbox", "--seed", "-1"], "--seed"),
        (["verify", "--sandbox", "--seed", "99999999999999999999999"], "--seed"),
        (["verify", "--sandbox", "--timeout", "1e309"], "--timeout"),
        (["verify", "--sandbox", "--timeout", "-5"], "--timeout"),
        (["verify", "--sandbox", "--timeout", "nan"], "--timeout"),
        (["verify", "--sandbox", "--connect-timeout", "0x10"], "--connect-timeout"),
        (["verify", "--sandbox", "--max-body", "abc"], "--max-body"),
        (["verify", "--sandbox", "--max-body", "10"], "--max-body"),
        (["verify", "--sandbox", "--shard", "0/0"], "--shard"),
        (["verify", "--sandbox", "--shard", "3/2"], "--shard"),
        (["verify", "--sandbox", "--fault", "::"], "--fault"),
        (["verify", "--sandbox", "--fault", "dynamics:throttle=-3"], "--fault"),
        (["verify", "--sandbox", "--variants", ""], "--variants"),
        (["verify", "--sandbox", "--locales", "xx-YY"], "--locales"),
        (["verify", "--sandbox", "--matrix", "🚀"], "--matrix"),
        (["verify", "--sandbox", "--destination", "nope"], "--destination"),
        (["verify", "--sandbox", "--config", "x.yaml"], "--sandbox"),
        (["verify", "--partner-center", "/nonexistent/pc.json"], "/nonexistent/pc.json"),
        (["send", "--url", "http://127.0.0.1:1/", "--concurrency", "0"], "--concurrency"),
        (["send", "--url", "http://127.0.0.1:1/", "--concurrency", "100000"], "--concurrency"),
        (["send", "--url", "http://127.0.0.1:1/", "--count", "-1"], "--count"),
        (["send", "--url", "ftp://example.com/"], "--url"),
        (["send", "--url", "http://127.0.0.1:1/", "--header", "Authorization: Bearer x"], "--header"),
        (["generate", "--count", "1e3"], "--count"),
        (["sandbox", "--port-base", "70000"], "--port-base"),
        (["sandbox", "--client-secret", "dynamics=UNSET_VARIABLE_XYZ"], "--client-secret"),
        (["report"], "--input"),
        (["cleanup", "--config", "/nonexistent.yaml", "--marker-prefix", "LCTEST_"], "/nonexistent.yaml"),
        // Durations far out of range, in flags and in faults (issue 29): refused, never trapped.
        (["sandbox", "--fault", "https:latency=1e300ms"], "latency"),
        (["sandbox", "--fault", "https:latency=99999999999999999999s"], "latency"),
        (["sandbox", "--fault", "*:latency=-5s"], "latency"),
        (["sandbox", "--fault", "*:latency=NaNs"], "latency"),
        (["verify", "--sandbox", "--fault", "https:latency=1e300ms"], "latency"),
        (["verify", "--sandbox", "--timeout", "99999999999999999999"], "--timeout"),
        (["verify", "--sandbox", "--timeout", "1e300ms"], "--timeout"),
        (["cleanup", "--journal", "/nonexistent.journal", "--wait", "99999999999999999999s"], "--wait"),
        (["cleanup", "--journal", "/nonexistent.journal", "--wait", "NaNs"], "--wait"),
    ])
    func isRefusedNamingTheFlag(_ arguments: [String], _ named: String) async throws {
        let result = try await LeadCheckProcess.run(arguments, timeout: 30)
        #expect(
            result.status == 1 || result.status == 2, "\(arguments): exit \(result.status) \(result.stderr.suffix(300))"
        )
        #expect(result.stderr.contains(named), "\(arguments): \(result.stderr.suffix(300))")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    }

    @Test(arguments: ["1e300ms", "99999999999999999999s", "-5s", "NaNs"])
    func aDurationOutOfRangeInTheFaultsAPIIsRefusedAndTheSandboxStaysUp(_ value: String) async throws {
        let sandbox = try SandboxProcess()
        let answer =
            try await sandbox.inspect("/faults", method: "PUT", body: #"{"faults":["https:latency=\#(value)"]}"#)
            as? [String: Any]
        let error = answer?["error"] as? String ?? ""
        #expect(error.contains("from 0ms to 10m"), "\(String(describing: answer))")
        let health = try await sandbox.inspect("/health") as? [String: Any]
        #expect(health?["status"] as? String == "ok")
        #expect(sandbox.process.isRunning)
    }

    @Test(arguments: [
        "readbackTimeout: 99999999999999999999s", "readbackTimeout: 1e300ms", "readbackTimeout: NaNs",
        "readbackTimeout: -5s",
    ])
    func aDurationOutOfRangeInTheConfigIsAnInputError(_ line: String) async throws {
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        try
            "version: 1\ndestinations:\n  - name: hook\n    type: https\n    url: https://example.com/hook\n    \(line)\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await LeadCheckProcess.run(["verify", "--config", config], timeout: 30)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stderr.contains("from 1ms to 24h") && result.stderr.contains("leadcheck.yaml:6"), "\(result.stderr)")
    }
}
