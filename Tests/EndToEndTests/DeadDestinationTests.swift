import Foundation
import TestSupport
import Testing

/// A destination that answers headers and then trickles costs bounded time, and the config's
/// timeouts reach the transport (issue 17). Bounded by what is counted, not by the clock: a
/// loaded CI machine stretches wall time; `scripts/bench verify` measures that.
@Suite(.serialized) struct DeadDestinationTests {
    static func config(_ server: RawServer, timeout: String) -> String {
        """
        version: 1
        defaults:
          timeout: \(timeout)
        destinations:
          - name: hook
            type: https
            url: \(server.url)/hook
        """
    }

    static func trickling() throws -> RawServer {
        let server = try RawServer()
        // The preflight's HEAD is answered; every lead POST trickles one byte a second.
        server.script("HEAD /hook", status: 200, body: "{}")
        server.script("POST /hook", .route("/trickle"))
        return server
    }

    @Test func aTricklingDestinationStopsAfterThreeFailuresWithTheConfigsTimeout() async throws {
        let server = try Self.trickling()
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        try Self.config(server, timeout: "3s").write(toFile: config, atomically: true, encoding: .utf8)
        let json = directory.path("report.json")
        let result = try await LeadCheckProcess.run(["verify", "--config", config, "--json", json], timeout: 120)
        #expect(result.status == 3, "\(result.stdoutText.suffix(800))")
        // Three timeouts in a row stop it; at most the three others in flight (4 at a time)
        // were sent besides: (3 + 1) rounds of the timeout at worst, not 36 leads' worth.
        let posts = server.received.filter { $0 == "POST /hook" }.count
        #expect((3...6).contains(posts), "\(posts) leads were sent to the dead destination")
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        let findings = report["findings"] as! [[String: Any]]
        let stop = findings.filter {
            ($0["message"] as? String ?? "").hasPrefix("stopped after 3 consecutive failures")
        }
        #expect(
            stop.count == 1 && stop.first?["lead"] == nil,
            "one finding for the destination: \(findings.map { $0["message"] ?? "" })")
        #expect(stop.first?["code"] as? String == "http.timeout")
        let results = report["results"] as! [[String: Any]]
        #expect(results.count == 36 && results.filter { $0["status"] as? String == "skipped" }.count >= 30)
    }

    @Test func flagBeatsVariableBeatsFile() async throws {
        let server = try Self.trickling()
        let directory = try TemporaryDirectory()
        let config = directory.path("leadcheck.yaml")
        // The file asks for 60 s; the variable's 1 s and then the flag's 1 s must win.
        try Self.config(server, timeout: "60s").write(toFile: config, atomically: true, encoding: .utf8)
        let quick = ["--variants", "typical", "--locales", "en-US"]
        for (arguments, environment) in [
            (quick, ["LEADCHECK_TIMEOUT": "1"]), (quick + ["--timeout", "1"], ["LEADCHECK_TIMEOUT": "60"]),
        ] {
            let started = Date()
            let result = try await LeadCheckProcess.run(
                ["verify", "--config", config] + arguments, environment: environment, timeout: 100)
            #expect(result.status == 3)
            #expect(Date().timeIntervalSince(started) < 30, "\(arguments) \(environment)")
        }
        let bad = try await LeadCheckProcess.run(
            ["verify", "--config", config], environment: ["LEADCHECK_TIMEOUT": "soon"])
        #expect(bad.status == 1 || bad.status == 2)
        #expect(bad.stderr.contains("LEADCHECK_TIMEOUT"))
    }
}
