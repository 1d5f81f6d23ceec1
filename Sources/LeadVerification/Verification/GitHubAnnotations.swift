import LeadTransport

/// Findings as GitHub Actions workflow commands (`::error title=…::…`), so a failing run shows
/// them on the job summary and the pull request. One line per distinct finding.
public enum GitHubAnnotations {
    /// The annotation lines, redacted.
    public static func lines(_ report: VerifyReport, redactor: Redactor) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for finding in report.findings {
            let key = "\(finding.code.rawValue)|\(finding.destination)|\(finding.field ?? "")|\(finding.message)"
            guard seen.insert(key).inserted else { continue }
            let command = finding.severity == .error ? "error" : "warning"
            let title =
                "leadcheck \(finding.code.rawValue) (\(finding.destination)\(finding.field.map { " · \($0)" } ?? ""))"
            let message = "\(finding.message)\(finding.lead.map { " [\($0)]" } ?? "") — fix: \(finding.hint)"
            out.append(redactor.redact("::\(command) title=\(property(title))::\(data(message))"))
        }
        return out
    }

    /// Escapes a command's message (GitHub's `escapeData`).
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (GitHub's `escapeProperty`).
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
