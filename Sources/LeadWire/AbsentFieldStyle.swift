import LeadModel

/// How a JSON encoding writes a customer field that is absent.
///
/// Microsoft's connector behaviour here is undocumented ([INF]). `omit` is the default because it
/// cannot make a lenient receiver fail; `null` is what .NET's Newtonsoft writes by default and is
/// what trips a Power Automate trigger with schema validation on (`"type": "string"`).
public enum AbsentFieldStyle: String, Sendable, Hashable, CaseIterable, Codable {
    /// Leave the key out.
    case omit
    /// Write `"Key": null`.
    case null
    /// Write `"Key": ""`.
    case empty
}
