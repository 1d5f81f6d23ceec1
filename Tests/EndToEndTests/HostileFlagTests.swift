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
    ])
    func isRefusedNamingTheFlag(_ arguments: [String], _ named: String) async throws {
        let result = try await LeadCheckProcess.run(arguments, timeout: 30)
        #expect(result.status == 1 || result.status == 2, "\(arguments): exit \(result.status) \(result.stderr.suffix(300))")
        #expect(result.stderr.contains(named), "\(arguments): \(result.stderr.suffix(300))")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    }
}
