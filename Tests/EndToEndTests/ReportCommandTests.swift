import Foundation
import LeadModel
import TestSupport
import Testing

/// `verify --shard`, `leadcheck report`, the HTML report in a real browser, and CI output.
@Suite(.serialized) struct ReportCommandTests {
    static let run = [
        "verify", "--sandbox", "--seed", "11", "--locales", "en-US", "--variants", "typical,hostile",
        "--fault", "https:status=500", "--fault", "dynamics:missing-privilege", "--fault",
        "marketo:missing-field=title",
    ]

    static func report(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test func fourShardsMergeToTheUnshardedRun() async throws {
        let directory = try TemporaryDirectory()
        let full = directory.path("full.json")
        let unsharded = try await LeadCheckProcess.run(Self.run + ["--json", full])
        #expect(unsharded.status == 4)
        var inputs: [String] = []
        for k in 1...4 {
            let path = directory.path("shard-\(k).json")
            let shard = try await LeadCheckProcess.run(Self.run + ["--shard", "\(k)/4", "--json", path])
            #expect(shard.status == 4, "shard \(k): \(shard.stdoutText.suffix(300))")
            #expect(try Self.report(path)["shard"] as? String == "\(k)/4")
            inputs += ["--input", path]
        }
        let merged = directory.path("merged.json")
        let result = try await LeadCheckProcess.run(
            ["report"] + inputs + [
                "--json", merged, "--junit", directory.path("merged.xml"), "--html", directory.path("merged.html"),
            ])
        #expect(result.status == 4, "the merged verdict decides the exit status: \(result.stdoutText.suffix(300))")
        let a = try Self.report(full)
        let b = try Self.report(merged)
        #expect(a["verdict"] as? String == "failed" && b["verdict"] as? String == "failed")
        let shardRunIDs = Set(
            try (1...4).map { try Self.report(directory.path("shard-\($0).json"))["runId"] as! String })
        #expect(
            shardRunIDs.count == 1 && shardRunIDs.first == b["runId"] as? String, "shards share the seed-derived run id"
        )
        func codes(_ r: [String: Any]) -> [String: Int] {
            (r["findings"] as! [[String: Any]]).reduce(into: [:]) { $0[$1["code"] as! String, default: 0] += 1 }
        }
        #expect(codes(a) == codes(b), "\(codes(a)) vs \(codes(b))")
        // The same leads in the same order (an unsharded run's id is random, so compare positions).
        func markers(_ r: [String: Any]) -> [String] {
            (r["leads"] as! [[String: Any]]).map { String(($0["marker"] as! String).split(separator: "_").last!) }
        }
        #expect(markers(a) == markers(b) && markers(a).count == 12, "\(markers(a)) vs \(markers(b))")
        #expect((a["results"] as! [[String: Any]]).count == (b["results"] as! [[String: Any]]).count)
        #expect(
            (b["destinations"] as! [[String: Any]]).map { $0["name"] as! String } == [
                "https", "azure-table", "dynamics", "marketo", "salesforce",
            ])
        let usage = (b["destinations"] as! [[String: Any]]).last?["usage"] as? [String: Any]
        #expect(usage?["used"] as? Int == 12, "Web-to-Lead usage adds up over the shards")
        // One --input followed by every path reads the same documents as --input repeated.
        let listed = directory.path("listed.json")
        let paths = (1...4).map { directory.path("shard-\($0).json") }
        let once = try await LeadCheckProcess.run(["report", "--input"] + paths + ["--json", listed])
        #expect(once.status == 4, "\(once.stderr)")
        let c = try Self.report(listed)
        #expect(codes(c) == codes(b) && markers(c) == markers(b))
    }

    @Test func shardingNeedsAFixedSeed() async throws {
        let result = try await LeadCheckProcess.run(["verify", "--sandbox", "--shard", "1/2"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--shard") && result.stderr.contains("seed"))
    }

    @Test func ciOutputIsPlainAndAnnotatedOnGitHub() async throws {
        let result = try await LeadCheckProcess.run(Self.run, environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 4)
        #expect(
            result.stdoutText.contains("::error title=leadcheck http.status (https)::the endpoint answered HTTP 500"))
        #expect(result.stdoutText.contains("::error title=leadcheck form.field-missing (marketo · Title)::"))
        #expect(
            result.stderr.contains("leadcheck: checked 60/60"),
            "off a terminal, progress is plain lines: \(result.stderr)")
        #expect(!(result.stdoutText + result.stderr).contains("\u{1B}"), "no control codes off a terminal")
        let plain = try await LeadCheckProcess.run(Self.run)
        #expect(!plain.stdoutText.contains("::error"), "annotations only on GitHub Actions")
    }

    /// The HTML report of a failing run, rendered by headless Chromium at 1280 and 390 px: the
    /// screenshots go under .build/test-output/html-report, and the DOM shows the verdict, every
    /// destination column and every finding code.
    @Test func htmlReportRendersInHeadlessChromium() async throws {
        let directory = try TemporaryDirectory()
        let html = directory.path("report.html")
        let json = directory.path("report.json")
        let run = try await LeadCheckProcess.run(Self.run + ["--html", html, "--json", json])
        #expect(run.status == 4)
        let text = try String(contentsOfFile: html, encoding: .utf8)
        for pattern in [#"<script"#, #"<link"#, #"<img"#, #"@import"#, #"url\("#, #"src\s*="#, #"href\s*=\s*"(?!#)"#] {
            #expect(
                text.firstMatch(of: try Regex(pattern).ignoresCase()) == nil,
                "the report references something outside itself: \(pattern)")
        }
        guard let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(Self.which).first else {
            Issue.record("headless Chromium is not installed (scripts/test installs Debian's chromium)")
            return
        }
        let output = LeadCheckProcess.repositoryRoot.appendingPathComponent(".build/test-output/html-report")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(directory.path("chromium"))",
        ]
        for width in [1280, 390] {
            let shot = output.appendingPathComponent("report-\(width).png").path
            try? FileManager.default.removeItem(atPath: shot)
            let result = try await LeadCheckProcess.runExecutable(
                chromium, common + ["--screenshot=\(shot)", "--window-size=\(width),2400", "file://\(html)"],
                timeout: 120)
            #expect(result.status == 0, "chromium at \(width) px: \(result.stderr.suffix(400))")
            let size = (try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
            #expect(size > 10_000, "a screenshot at \(width) px was written (\(size) bytes)")
        }
        let dom = try await LeadCheckProcess.runExecutable(
            chromium, common + ["--dump-dom", "file://\(html)"], timeout: 120)
        #expect(dom.status == 0)
        let page = dom.stdoutText
        #expect(page.contains("id=\"verdict\">FAILED</span>"))
        for destination in ["https", "azure-table", "dynamics", "marketo", "salesforce"] {
            #expect(page.contains("<th scope=\"col\" class=\"dest\">\(destination)<small>"), "column \(destination)")
        }
        let codes = Set((try Self.reportJSON(json)["findings"] as! [[String: Any]]).map { $0["code"] as! String })
        #expect(codes == ["http.status", "permission.missing", "form.field-missing"])
        for code in codes { #expect(page.contains("<code class=\"code\">\(code)</code>"), "finding \(code)") }
        #expect(page.contains("of 500 Web-to-Lead submissions per day"))
    }

    static func reportJSON(_ path: String) throws -> [String: Any] { try report(path) }

    static func which(_ name: String) -> URL? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}
