import LeadTransport

/// The terminal view of a run: a matrix of leads × destinations, then findings with hints.
/// Plain characters only, so it reads the same on a TTY, in CI logs and with `NO_COLOR`.
public enum TerminalReport {
    /// The whole text.
    public static func render(_ report: VerifyReport, redactor: Redactor) -> String {
        let names = report.destinations.map(\.name)
        var byKey: [String: LeadResult.Status] = [:]
        for result in report.results { byKey["\(result.destination)|\(result.lead)"] = result.status }
        let rowLabels = report.leads.map {
            "\($0.pair)\($0.documented ? "" : "*")\($0.deprecated == true ? "†" : "") \($0.variant) \($0.locale)"
        }
        let width = max(24, rowLabels.map(\.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        var lines = ["leadcheck verify — run \(report.runId), seed \(report.seed), offer \(report.offer.id)", ""]
        lines.append(pad("lead", width) + "  " + names.map { pad($0, max(6, $0.count)) }.joined(separator: "  "))
        for (lead, label) in zip(report.leads, rowLabels) {
            let cells = names.map { name -> String in
                let mark: String =
                    switch byKey["\(name)|\(lead.marker)"] {
                    case .passed: "ok"
                    case .failed: "FAIL"
                    case .error: "ERROR"
                    case .skipped: "skip"
                    case nil: "-"
                    }
                return pad(mark, max(6, name.count))
            }
            lines.append(pad(label, width) + "  " + cells.joined(separator: "  "))
        }
        if report.leads.contains(where: { !$0.documented }) {
            lines.append("* a source × action pair Microsoft does not document")
        }
        if report.leads.contains(where: { $0.deprecated == true }) {
            lines.append("† deprecated: Microsoft retired Test Drive (\"consider transitioning to Free Trials\")")
        }
        for (variant, evidence) in Self.evidence(report) where !evidence.hasPrefix("documented") {
            lines.append("\(variant): \(evidence)")
        }
        for destination in report.destinations where !destination.readsBack {
            lines.append(
                destination.followsRuns == true
                    ? """
                    \(destination.name): checked by delivery and the flow's run — \"ok\" means the run\
                     succeeded; what it stored was not read back (configure readback: to compare fields)
                    """
                    : """
                    \(destination.name): checked by delivery only — \"ok\" means it answered 2xx; nothing was\
                     read back (configure readback: to confirm storage)
                    """
            )
        }
        for destination in report.destinations {
            if let payloadCase = destination.payloadCase {
                lines.append("\(destination.name): sent \(payloadCase.label)")
            }
            let spent = [report.apiCallsText(destination), destination.usage?.text].compactMap { $0 }
            if !spent.isEmpty { lines.append("\(destination.name): this run used \(spent.joined(separator: "; "))") }
        }
        let counts = Dictionary(grouping: report.results, by: \.status).mapValues(\.count)
        lines.append("")
        lines.append(
            """
            \(report.results.count) checks: \(counts[.passed] ?? 0) passed, \(counts[.failed] ?? 0) failed,\
             \(counts[.error] ?? 0) unreachable, \(counts[.skipped] ?? 0) skipped — verdict: \(report.verdict)
            """
        )
        if !report.findings.isEmpty {
            lines.append("")
            lines.append("findings:")
            var seen = Set<String>()
            for finding in report.findings {
                let key = "\(finding.code.rawValue)|\(finding.destination)|\(finding.field ?? "")|\(finding.message)"
                guard seen.insert(key).inserted else { continue }
                let scope = [finding.destination, finding.lead, finding.field].compactMap { $0 }.joined(
                    separator: " · ")
                lines.append("  [\(finding.severity.rawValue)] \(finding.code.rawValue) (\(scope)): \(finding.message)")
                lines.append("      fix: \(finding.hint)")
                if let evidence = finding.evidence { lines.append("      evidence: \(evidence)") }
            }
        }
        return redactor.redact(lines.joined(separator: "\n"))
    }

    /// Each variant label of the run once, with where its shape comes from, in run order.
    static func evidence(_ report: VerifyReport) -> [(variant: String, evidence: String)] {
        var seen = Set<String>()
        return report.leads.compactMap { lead in
            guard let evidence = lead.evidence, seen.insert(lead.variant).inserted else { return nil }
            return (lead.variant, evidence)
        }
    }
}
