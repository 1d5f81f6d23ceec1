import LeadModel

/// The key casing of the HTTPS payload.
public enum JSONKeyCase: String, Sendable, Hashable, CaseIterable, Codable {
    /// `userDetails`, `firstName`, `leadSource`: what Microsoft's connector really POSTs, as three
    /// partners captured it (docs/reference/https-endpoint.md §1, corrected 2026-12-01; [3P] azure-docs #25043,
    /// #58230, #58893). The default.
    case camel
    /// `UserDetails`, `FirstName`, `LeadSource`: the documented schema and example (PC-https),
    /// which a receiver built from the docs expects.
    case pascal

    /// How reports name the casing.
    public var label: String {
        switch self {
        case .camel:
            "camelCase (userDetails.firstName, leadSource, …: as Microsoft sends it, per three partners' captures, azure-docs #25043, #58230, #58893)"
        case .pascal: "PascalCase (UserDetails.FirstName, LeadSource, …: the docs' schema, not what Microsoft sends)"
        }
    }
}
