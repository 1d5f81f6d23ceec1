import LeadModel

/// A step failed (signing in, a query); the findings say why. Used where a `Result` needs an
/// `Error`: findings are values, not thrown errors.
struct FindingsFailure: Error, Sendable {
    /// What went wrong, with hints.
    var findings: [Finding]

    /// The findings attributed to a lead (kept where already attributed), optionally recoded.
    func findings(lead: String?, code: FindingCode? = nil) -> [Finding] {
        findings.map { finding in
            var copy = code.map { finding.with(code: $0) } ?? finding
            copy.lead = copy.lead ?? lead
            return copy
        }
    }
}
