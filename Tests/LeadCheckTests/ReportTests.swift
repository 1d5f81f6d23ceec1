import Foundation
import Testing

@testable import LeadModel
@testable import LeadTransport
@testable import LeadVerification

/// Golden files for the JUnit and HTML views of a fixed results document, the results schema
/// kept in step with the code, merging and sharding, and GitHub annotations.
@Suite struct ReportTests {
    static let reports = Fixtures.root.appendingPathComponent("reports")

    static func sample() throws -> VerifyReport {
        try VerifyReport.decode(
            try Data(contentsOf: reports.appendingPathComponent("sample.json")), file: "sample.json")
    }

    static func expectGolden(_ fresh: String, _ name: String) throws {
        let golden = try String(contentsOf: reports.appendingPathComponent(name), encoding: .utf8)
        guard golden != fresh else { return }
        let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let b = fresh.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record(
            """
            \(name) differs at line \(line + 1); run scripts/update-fixtures if the change is intended.
            golden: \(line < a.count ? String(a[line].prefix(300)) : "<end>")
            fresh:  \(line < b.count ? String(b[line].prefix(300)) : "<end>")
            """)
    }

    @Test func junitMatchesItsGoldenFile() throws {
        try Self.expectGolden(JUnitReport.render(try Self.sample(), redactor: Redactor()), "sample.xml")
    }

    @Test func htmlMatchesItsGoldenFileAndIsSelfContained() throws {
        let html = HTMLReport.render(try Self.sample(), redactor: Redactor())
        try Self.expectGolden(html, "sample.html")
        for problem in Self.externalReferences(html) {
            Issue.record("the HTML report references something outside itself: \(problem)")
        }
        #expect(html.contains("id=\"verdict\">FAILED<"))
        for code in ["http.status", "readback.missing", "permission.missing", "form.field-missing"] {
            #expect(html.contains(">\(code)<"), "\(code)")
        }
        #expect(html.contains("This run used 12 of 500 Web-to-Lead submissions per day"))
        #expect(html.contains("certificate expires Feb 23 03:03:47 2027 GMT (90 days)"))
        #expect(html.contains("<svg class=\"waterfall\""))
    }

    /// Anything that would make a browser fetch: scripts, stylesheets, images, fonts, frames,
    /// links off the page.
    static func externalReferences(_ html: String) -> [String] {
        let patterns = [
            #"<script"#, #"<link"#, #"<img"#, #"<iframe"#, #"<object"#, #"<embed"#, #"@import"#, #"url\("#, #"src\s*="#,
            #"href\s*=\s*"(?!#)"#, #"@font-face"#,
        ]
        return patterns.compactMap { pattern in
            (try? Regex(pattern).ignoresCase()).flatMap { html.firstMatch(of: $0) }.map {
                String(html[$0.range].prefix(40))
            }
        }
    }

    @Test func htmlEscapesHostileText() throws {
        var report = try Self.sample()
        report.findings[0].message = #"<script>alert("x")</script> & 'quotes'"#
        report.offer.title = "<b>bold</b>"
        let html = HTMLReport.render(report, redactor: Redactor())
        #expect(!html.contains("<script>") && !html.contains("<b>bold</b>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos;"))
    }

    @Test func schemaListsExactlyTheFindingCodesAndKinds() throws {
        let url = Fixtures.root.deletingLastPathComponent().appendingPathComponent("docs/results.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let defs = schema["$defs"] as! [String: Any]
        let codes = (defs["code"] as! [String: Any])["enum"] as! [String]
        #expect(
            Set(codes) == Set(FindingCode.allCases.map(\.rawValue)), "docs/results.schema.json and FindingCode differ")
        let destination =
            (((schema["properties"] as! [String: Any])["destinations"] as! [String: Any])["items"] as! [String: Any])[
                "properties"] as! [String: Any]
        let kinds = (destination["kind"] as! [String: Any])["enum"] as! [String]
        #expect(Set(kinds) == Set(DestinationKind.allCases.map(\.rawValue)))
    }

    @Test func mergingOneReportIsTheReportAndShardsAddUp() throws {
        let sample = try Self.sample()
        #expect(try ReportMerger.merge([sample]).json() == sample.json())
        // Split the sample's results in two as two shards would, then merge them back.
        var a = sample
        var b = sample
        a.results = sample.results.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        b.results = sample.results.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        a.findings = a.results.flatMap(\.findings)
        b.findings = b.results.flatMap(\.findings)
        a.destinations = sample.destinations.map {
            var d = $0
            d.usage = d.usage.map { QuotaUsage(used: 5, limit: $0.limit, unit: $0.unit) }
            return d
        }
        b.destinations = sample.destinations.map {
            var d = $0
            d.usage = d.usage.map { QuotaUsage(used: 7, limit: $0.limit, unit: $0.unit) }
            return d
        }
        a.shard = "1/2"
        b.shard = "2/2"
        a.verdict = "passed"
        let merged = ReportMerger.merge([b, a])
        #expect(merged.verdict == sample.verdict && merged.shard == nil)
        #expect(merged.results.map(\.lead) == sample.results.map(\.lead), "results come back in the unsharded order")
        #expect(Set(merged.findings) == Set(sample.findings) && merged.findings.count == sample.findings.count)
        #expect(merged.destinations.compactMap(\.usage).map(\.used) == [12])
    }

    @Test func shardsCoverEveryCheckExactlyOnce() throws {
        let shards = try (1...4).map { try Shard(parsing: "\($0)/4") }
        for destination in 0..<5 {
            for lead in 0..<37 {
                #expect(shards.filter { $0.includes(destination: destination, lead: lead, leads: 37) }.count == 1)
            }
        }
        for bad in ["0/4", "5/4", "1/0", "a/b", "1", "1/2/3", "-1/2"] {
            #expect(throws: LeadCheckError.self, "\(bad)") { try Shard(parsing: bad) }
        }
    }

    @Test func githubAnnotationsAreEscapedAndDeduplicated() throws {
        var report = try Self.sample()
        report.findings = [
            Finding(
                code: .fieldTruncated, destination: "crm", lead: "LCTEST_a_1", field: "Title",
                message: "cut: 100%\nof it", hint: "widen, please"),
            Finding(
                code: .fieldTruncated, destination: "crm", lead: "LCTEST_a_2", field: "Title",
                message: "cut: 100%\nof it", hint: "widen, please"),
            Finding(code: .tlsExpiringSoon, severity: .warning, destination: "hook", message: "expires", hint: "renew"),
        ]
        let lines = GitHubAnnotations.lines(report, redactor: Redactor())
        #expect(lines.count == 2)
        #expect(
            lines[0]
                == "::error title=leadcheck field.truncated (crm · Title)::cut: 100%25%0Aof it [LCTEST_a_1] — fix: widen, please"
        )
        #expect(lines[1].hasPrefix("::warning title=leadcheck tls.expiring-soon (hook)::expires"))
        let commaTitle = GitHubAnnotations.property("a:b,c")
        #expect(commaTitle == "a%3Ab%2Cc")
    }

    @Test func aDocumentThatIsNotResultsIsAnInputError() {
        for (text, expected) in [
            ("{}", "'schemaVersion' is missing"), ("[]", "not a leadcheck results document"),
            (#"{"schemaVersion":2}"#, "schemaVersion 2 is newer"), (#"{"schemaVersion":1}"#, "'runId' is missing"),
        ] {
            do throws(LeadCheckError) {
                _ = try VerifyReport.decode(Data(text.utf8), file: "x.json")
                Issue.record("accepted \(text)")
            } catch {
                #expect(
                    error.code == "input.invalid" && error.message.contains("x.json")
                        && error.message.contains(expected), "\(error.message)")
            }
        }
    }
}
