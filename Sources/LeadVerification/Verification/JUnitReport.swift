import LeadTransport

/// JUnit XML: one test suite per destination, one test case per destination × lead; `<failure>`
/// when the destination answered wrongly, `<error>` when it could not be reached, `<skipped>`
/// when its preflight failed or the run stopped trying to reach it.
public enum JUnitReport {
    /// The XML document.
    public static func render(_ report: VerifyReport, redactor: Redactor) -> String {
        func escape(_ text: String) -> String { MarkupEscaping.escape(redactor.redact(text)) }
        let leads = Dictionary(report.leads.map { ($0.marker, $0) }, uniquingKeysWith: { first, _ in first })
        let preflight = report.findings.filter { $0.lead == nil }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let failures = report.results.filter { $0.status == .failed }.count
        let errors = report.results.filter { $0.status == .error }.count
        let skipped = report.results.filter { $0.status == .skipped }.count
        xml +=
            """
            <testsuites name=\"leadcheck verify\" tests=\"\(report.results.count)\" failures=\"\(failures)\"\
             errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(report.durationSeconds)\">\n
            """
        for destination in report.destinations {
            let results = report.results.filter { $0.destination == destination.name }
            xml +=
                """
                  <testsuite name=\"\(escape(destination.name))\" tests=\"\(results.count)\"\
                 failures=\"\(results.filter { $0.status == .failed }.count)\"\
                 errors=\"\(results.filter { $0.status == .error }.count)\"\
                 skipped=\"\(results.filter { $0.status == .skipped }.count)\">\n
                """
            xml +=
                """
                    <properties><property name=\"kind\" value=\"\(destination.kind.rawValue)\"/><property\
                 name=\"readsBack\" value=\"\(destination.readsBack)\"/><property name=\"runId\"\
                 value=\"\(escape(report.runId))\"/><property name=\"seed\"\
                 value=\"\(escape(report.seed))\"/>\(destination.payloadCase.map { "<property name=\"payloadCase\" value=\"\($0.rawValue)\"/>" } ?? "")\
                \(destination.usage.map { "<property name=\"usage\" value=\"\(escape($0.text))\"/>" } ?? "")</\
                properties>\n
                """
            for result in results {
                let lead = leads[result.lead]
                let name = lead.map { "\($0.pair) \($0.variant) \($0.locale) (\(result.lead))" } ?? result.lead
                xml += "    <testcase classname=\"leadcheck.\(escape(destination.name))\" name=\"\(escape(name))\">"
                if let lead, lead.deprecated == true || lead.evidence != nil {
                    xml +=
                        """
                        <properties>\
                        \(lead.deprecated == true ? "<property name=\"deprecated\" value=\"Test Drive is retired by Microsoft\"/>" : "")\
                        \(lead.evidence.map { "<property name=\"evidence\" value=\"\(escape($0))\"/>" } ?? "")\
                        </properties>
                        """
                }
                let detail = result.findings.map {
                    "\($0.code.rawValue): \($0.message)\nfix: \($0.hint)"
                        + ($0.evidence.map { "\nevidence: \($0)" } ?? "")
                }.joined(separator: "\n\n")
                switch result.status {
                case .passed:
                    break
                case .failed:
                    xml +=
                        """
                        \n      <failure type=\"\(escape(result.findings.first?.code.rawValue ?? "failed"))\"\
                         message=\"\(escape(result.findings.first?.message ?? ""))\">\(escape(detail))</failur\
                        e>\n    
                        """
                case .error:
                    xml +=
                        """
                        \n      <error type=\"\(escape(result.findings.first?.code.rawValue ?? "error"))\"\
                         message=\"\(escape(result.findings.first?.message ?? ""))\">\(escape(detail))</error>\
                        \n    
                        """
                case .skipped:
                    // The destination-wide finding that stopped its leads: a failed preflight or
                    // consecutive failures to reach it.
                    let reason = preflight.last { $0.destination == destination.name && $0.severity == .error }
                    xml +=
                        "\n      <skipped message=\"\(escape(reason.map { "\($0.code.rawValue): \($0.message)" } ?? "skipped"))\"/>\n    "
                }
                xml += "</testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }
}
