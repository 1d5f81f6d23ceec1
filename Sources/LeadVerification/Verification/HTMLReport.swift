import LeadModel
import LeadTransport

/// The HTML view of a run (`verify --html`, `report --html`): one self-contained file — inline
/// CSS and SVG, no scripts, fonts, images or links outside itself — for people who do not read
/// JSON. A header with the verdict, the leads × destinations grid, per destination its timing
/// waterfall, certificate and Web-to-Lead usage, then the findings grouped by destination with
/// their fixes. Readable at 1280 px and usable at 390 px.
public enum HTMLReport {
    /// The whole document, redacted.
    public static func render(_ report: VerifyReport, redactor: Redactor) -> String {
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>leadcheck: \(escape(report.verdict)) · \(escape(report.offer.id))</title>
            <style>\(css)</style>
            </head>
            <body>

            """
        html += header(report)
        html += "<main>\n"
        html += matrix(report)
        html += destinations(report)
        html += findings(report)
        html +=
            """
            </main>\n<footer>leadcheck results schema \(report.schemaVersion) · run \(escape(report.runId)) ·\
             seed \(escape(report.seed))</footer>\n</body>\n</html>\n
            """
        return redactor.redact(html)
    }

    // MARK: Sections

    static func header(_ report: VerifyReport) -> String {
        let counts = Dictionary(grouping: report.results, by: \.status).mapValues(\.count)
        var facts: [(String, String)] = [
            ("Offer", "\(report.offer.title) (\(report.offer.id))"), ("Run", report.runId), ("Seed", report.seed),
            ("Started", report.startedAt), ("Duration", "\(formatSeconds(report.durationSeconds)) s"),
        ]
        if let shard = report.shard { facts.append(("Shard", shard)) }
        return """
            <header class="top v-\(escape(report.verdict))">
            <h1>leadcheck verify <span class="verdict" id="verdict">\(escape(report.verdict.uppercased()))</span></h1>
            <dl class="facts">\(facts.map { "<div><dt>\($0.0)</dt><dd>\(escape($0.1))</dd></div>" }.joined())</dl>
            <p class="counts">\(report.results.count) checks: <b class="c-passed">\(counts[.passed] ?? 0)\
             passed</b> · <b class="c-failed">\(counts[.failed] ?? 0) failed</b> · <b\
             class="c-error">\(counts[.error] ?? 0) unreachable</b> · <b class="c-skipped">\(counts[.skipped] ?? 0)\
             skipped</b></p>
            </header>

            """
    }

    static func matrix(_ report: VerifyReport) -> String {
        var status: [String: LeadResult.Status] = [:]
        for result in report.results { status["\(result.destination)\n\(result.lead)"] = result.status }
        var html =
            """
            <section id=\"matrix\">\n<h2>Leads × destinations</h2>\n<div class=\"scroll\"><table\
             class=\"matrix\">\n<thead><tr><th scope=\"col\">Lead <small>source-action · variant ·\
             locale</small></th>
            """
        for destination in report.destinations {
            html +=
                "<th scope=\"col\" class=\"dest\">\(escape(destination.name))<small>\(escape(destination.kind.rawValue))</small></th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for lead in report.leads {
            let undocumented =
                lead.documented
                ? "" : "<abbr class=\"undoc\" title=\"a source × action pair Microsoft does not document\">*</abbr>"
            let deprecated =
                lead.deprecated == true
                ? "<abbr class=\"undoc\" title=\"deprecated: Microsoft retired Test Drive\">†</abbr>" : ""
            let evidence = lead.evidence.map { " title=\"\(escape($0))\"" } ?? ""
            html +=
                """
                <tr><th scope=\"row\"\(evidence)>\(escape(lead.pair))\(undocumented)\(deprecated) ·\
                 \(escape(lead.variant)) · \(escape(lead.locale))<small>\(escape(lead.marker))</small></th>
                """
            for destination in report.destinations {
                let cell = status["\(destination.name)\n\(lead.marker)"]
                let (label, css) =
                    switch cell {
                    case .passed: ("ok", "s-passed")
                    case .failed: ("FAIL", "s-failed")
                    case .error: ("ERROR", "s-error")
                    case .skipped: ("skip", "s-skipped")
                    case nil: ("–", "s-none")
                    }
                html += "<td class=\"\(css)\">\(label)</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></div>\n"
        html +=
            """
            <p class=\"legend\"><span class=\"s-passed\">ok</span> stored as sent · <span\
             class=\"s-failed\">FAIL</span> answered wrongly · <span class=\"s-error\">ERROR</span>\
             unreachable · <span class=\"s-skipped\">skip</span> not tried (preflight failed or destination\
             unreachable)
            """
        if report.leads.contains(where: { !$0.documented }) { html += " · * undocumented pair" }
        if report.leads.contains(where: { $0.deprecated == true }) {
            html += " · † deprecated: Microsoft retired Test Drive (“consider transitioning to Free Trials”)"
        }
        html += "</p>\n"
        let shapes = TerminalReport.evidence(report).filter { !$0.evidence.hasPrefix("documented") }
        if !shapes.isEmpty {
            html +=
                "<p class=\"legend\">Lead shapes not documented by Microsoft: "
                + shapes.map { "<b>\(escape($0.variant))</b> \(escape($0.evidence))" }.joined(separator: " · ")
                + "</p>\n"
        }
        html += "</section>\n"
        return html
    }

    static func destinations(_ report: VerifyReport) -> String {
        var html = "<section id=\"destinations\">\n<h2>Destinations</h2>\n<div class=\"cards\">\n"
        for destination in report.destinations {
            let results = report.results.filter { $0.destination == destination.name }
            let passed = results.filter { $0.status == .passed }.count
            html +=
                """
                <article class=\"card\"\
                 id=\"dest-\(anchor(destination.name))\">\n<h3>\(escape(destination.name))\
                 <small>\(escape(destination.kind.rawValue))</small></h3>\n<ul class=\"props\">
                """
            html += "<li>\(passed) of \(results.count) leads passed</li>"
            html +=
                "<li>"
                + (destination.readsBack
                    ? "Stored leads read back and compared field by field"
                    : destination.followsRuns == true
                        ? "<b>Checked by delivery and the flow's run</b>: what the run stored was not read back"
                        : "<b>Checked by delivery only</b>: a 2xx was the whole proof") + "</li>"
            if let payloadCase = destination.payloadCase {
                html += "<li class=\"casing\">Sent \(escape(payloadCase.label))</li>"
            }
            if destination.followsRuns == true, destination.readsBack {
                html += "<li>Each lead's flow run followed to its end</li>"
            }
            let spent = [report.apiCallsText(destination), destination.usage?.text].compactMap { $0 }
            if !spent.isEmpty {
                html += "<li class=\"usage\">This run used \(escape(spent.joined(separator: "; ")))</li>"
            }
            if let tls = destination.connection?.tls {
                let days = tls.daysToExpiry.map { " (\($0) day\($0 == 1 ? "" : "s"))" } ?? ""
                let warn = (tls.daysToExpiry ?? 999) < 30 ? " warn" : ""
                html +=
                    "<li class=\"tls\(warn)\">\(escape(tls.version ?? "TLS")) · certificate expires \(escape(tls.notAfter ?? "?"))\(escape(days))</li>"
            } else if destination.connection != nil {
                html += "<li>Plain HTTP (no TLS)</li>"
            }
            html += "</ul>\n"
            if let timings = destination.connection?.timings { html += waterfall(timings) }
            html += "</article>\n"
        }
        html += "</div>\n</section>\n"
        return html
    }

    /// The libcurl phases of the preflight's fresh connection as bars on one time axis.
    static func waterfall(_ t: PhaseTimings) -> String {
        let d = t.durations
        var phases: [(String, Int64, Int64, String)] = [
            ("DNS", 0, d.dns, "p-dns"),
            ("Connect", d.dns, d.dns + d.connect, "p-connect"),
            ("TLS", d.dns + d.connect, d.dns + d.connect + d.tls, "p-tls"),
            ("First byte", max(t.preTransfer, d.dns + d.connect + d.tls), max(t.firstByte, t.preTransfer), "p-wait"),
            ("Total", 0, t.total, "p-total"),
        ]
        // Plain HTTP has no handshake to show.
        if t.tls == 0 { phases.remove(at: 2) }
        let total = Double(max(t.total, 1))
        let width = 420.0
        let label = 70.0
        let row = 20.0
        var svg =
            """
            <svg class=\"waterfall\" viewBox=\"0 0 \(Int(width)) \(Int(row) * phases.count + 4)\"\
             role=\"img\" aria-label=\"connection timing\"><title>Preflight on a fresh connection: total\
             \(formatMillis(t.total))</title>
            """
        for (i, phase) in phases.enumerated() {
            let y = Double(i) * row + 2
            let x = label + (width - label - 60) * Double(phase.1) / total
            let w = max(1.5, (width - label - 60) * Double(max(0, phase.2 - phase.1)) / total)
            svg += "<text x=\"0\" y=\"\(fmt(y + 14))\">\(phase.0)</text>"
            svg +=
                "<rect class=\"\(phase.3)\" x=\"\(fmt(x))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(w))\" height=\"14\" rx=\"2\"/>"
            svg +=
                "<text class=\"ms\" x=\"\(fmt(x + w + 4))\" y=\"\(fmt(y + 14))\">\(formatMillis(phase.2 - phase.1))</text>"
        }
        return svg + "</svg>\n"
    }

    static func findings(_ report: VerifyReport) -> String {
        var html = "<section id=\"findings\">\n<h2>Findings</h2>\n"
        if report.findings.isEmpty {
            return html + "<p class=\"none\">None: every lead was stored exactly as sent.</p>\n</section>\n"
        }
        for destination in report.destinations {
            let mine = report.findings.filter { $0.destination == destination.name }
            guard !mine.isEmpty else { continue }
            // The same problem on many leads is shown once, with the leads it hit.
            var groups: [(finding: Finding, leads: [String])] = []
            for finding in mine {
                if let index = groups.firstIndex(where: {
                    $0.finding.code == finding.code && $0.finding.field == finding.field
                        && $0.finding.message == finding.message && $0.finding.hint == finding.hint
                }) {
                    if let lead = finding.lead { groups[index].leads.append(lead) }
                } else {
                    groups.append((finding, finding.lead.map { [$0] } ?? []))
                }
            }
            html +=
                "<h3>\(escape(destination.name)) <small>\(mine.count) finding\(mine.count == 1 ? "" : "s")</small></h3>\n<ul class=\"findings\">\n"
            for (finding, leads) in groups {
                html +=
                    """
                    <li class=\"f-\(finding.severity.rawValue)\"><p class=\"head\"><code\
                     class=\"code\">\(escape(finding.code.rawValue))</code> <span\
                     class=\"sev\">\(finding.severity.rawValue)</span>
                    """
                if let field = finding.field { html += " <span class=\"field\">\(escape(field))</span>" }
                html +=
                    "</p>\n<p class=\"msg\">\(escape(finding.message))</p>\n<p class=\"hint\"><b>Fix:</b> \(escape(finding.hint))</p>\n"
                if let evidence = finding.evidence { html += "<pre class=\"evidence\">\(escape(evidence))</pre>\n" }
                if !leads.isEmpty {
                    let shown = leads.prefix(6).map(escape).joined(separator: ", ")
                    html +=
                        "<p class=\"leads\">\(leads.count) lead\(leads.count == 1 ? "" : "s"): \(shown)\(leads.count > 6 ? ", …" : "")</p>\n"
                }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</section>\n"
    }

    // MARK: Helpers

    /// Text and attribute escaping.
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    static func anchor(_ name: String) -> String {
        String(
            name.unicodeScalars.map {
                ($0.properties.isAlphabetic || ("0"..."9").contains($0)) && $0.isASCII ? Character($0) : "-"
            })
    }

    static func fmt(_ value: Double) -> String { String((value * 10).rounded() / 10) }

    static func formatMillis(_ micros: Int64) -> String {
        let ms = Double(micros) / 1000
        return ms >= 100 ? "\(Int(ms.rounded())) ms" : "\((ms * 10).rounded() / 10) ms"
    }

    static func formatSeconds(_ seconds: Double) -> String { String((seconds * 100).rounded() / 100) }

    static let css = """
        :root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--panel:#f6f8fa;--ok:#1a7f37;--okbg:#dafbe1;\
        --bad:#cf222e;--badbg:#ffebe9;--err:#8250df;--errbg:#fbefff;--skip:#59636e;--skipbg:#eff2f5;--warn:#9a6700;\
        --warnbg:#fff8c5}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
        header.top{padding:20px 24px;border-bottom:4px solid var(--ok);background:var(--panel)}
        header.v-failed{border-color:var(--bad)}header.v-error{border-color:var(--err)}
        h1{margin:0 0 8px;font-size:22px}h2{font-size:18px;margin:28px 0 10px}h3{font-size:16px;margin:18px 0 8px}
        h3 small,th small{display:block;font-weight:400;color:var(--muted);font-size:12px}h3 small{display:inline;margin-left:6px}
        .verdict{display:inline-block;padding:2px 10px;border-radius:999px;font-size:15px;vertical-align:middle;background:var(--okbg);color:var(--ok)}
        .v-failed .verdict{background:var(--badbg);color:var(--bad)}.v-error .verdict{background:var(--errbg);color:var(--err)}
        .facts{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0}.facts div{min-width:0}.facts\
         dt{font-size:12px;color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
        .counts{margin:10px 0 0}.c-passed{color:var(--ok)}.c-failed{color:var(--bad)}.c-error{color:var(--err)}.c-skipped{color:var(--skip)}
        main{padding:0 24px 24px;max-width:1400px}
        .scroll{overflow-x:auto;border:1px solid var(--line);border-radius:6px}
        table.matrix{border-collapse:collapse;width:100%;font-size:13px}
        .matrix th,.matrix td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left}.matrix thead\
         th,.matrix td{white-space:nowrap}.matrix thead th:first-child{white-space:normal}
        .matrix thead th{background:var(--panel);position:sticky;top:0}
        .matrix tbody th{font-weight:500;position:sticky;left:0;background:var(--bg);min-width:15em}
        .matrix td{text-align:center;font-weight:600;min-width:64px}
        .s-passed{background:var(--okbg);color:var(--ok)}.s-failed{background:var(--badbg);color:var(--bad)}\
        .s-error{background:var(--errbg);color:var(--err)}.s-skipped,.s-none{background:var(--skipbg);\
        color:var(--skip)}
        .legend span{padding:0 6px;border-radius:4px;font-weight:600}.legend{font-size:13px;color:var(--muted)}
        .undoc{color:var(--warn);text-decoration:none;font-weight:700}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}
        .card{border:1px solid var(--line);border-radius:6px;padding:4px 14px 12px}
        .props{padding-left:18px;margin:6px 0}.warn{color:var(--warn);font-weight:600}.usage{font-weight:600}
        svg.waterfall{width:100%;max-width:560px;height:auto;font-size:11px;fill:var(--fg)}
        svg .ms{fill:var(--muted)}.p-dns{fill:#54aeff}.p-connect{fill:#4ac26b}.p-tls{fill:#c297ff}.p-wait{fill:#fb8f44}.p-total{fill:#818b98}
        ul.findings{list-style:none;padding:0;margin:0}
        .findings li{border:1px solid var(--line);border-left:4px solid var(--bad);border-radius:6px;padding:8px 12px;margin:0 0 10px}
        .findings li.f-warning{border-left-color:var(--warn)}
        .findings p{margin:4px 0}.head{display:flex;flex-wrap:wrap;gap:6px;align-items:baseline}
        .code{font-weight:700}.sev,.field{font-size:12px;padding:0 6px;border-radius:4px;background:var(--panel);color:var(--muted)}
        .hint{background:var(--panel);padding:4px 8px;border-radius:4px}
        pre.evidence{white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px;background:#f6f8fa;border:1px solid\
         var(--line);padding:6px 8px;border-radius:4px;margin:6px 0}
        .leads{font-size:12px;color:var(--muted);overflow-wrap:anywhere}
        footer{padding:12px 24px;color:var(--muted);font-size:12px;border-top:1px solid var(--line)}
        @media (max-width:600px){header.top{padding:14px}main{padding:0 12px\
         16px}h1{font-size:19px}.cards{grid-template-columns:1fr}.matrix th,.matrix td{padding:4px 6px}.matrix\
         tbody th{min-width:9.5em;font-size:12px}.facts{gap:2px 14px}}
        """
}
