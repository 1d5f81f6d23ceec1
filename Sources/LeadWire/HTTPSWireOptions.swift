import LeadModel

/// Choices for the HTTPS-endpoint payload where Microsoft's behaviour is not documented.
public struct HTTPSWireOptions: Sendable, Hashable, Codable {
    /// Key casing; camelCase, as Microsoft's connector really sends it (docs/reference/https-endpoint.md §1:
    /// three partners' captures, azure-docs #25043, #58230, #58893).
    public var keyCase: JSONKeyCase
    /// `LeadSource` content; the source alone, as in the documented example.
    public var leadSource: LeadSourceContent
    /// How absent customer fields are written.
    public var absentFields: AbsentFieldStyle

    /// Creates options; the defaults follow what Microsoft sends.
    public init(
        keyCase: JSONKeyCase = .camel, leadSource: LeadSourceContent = .sourceOnly,
        absentFields: AbsentFieldStyle = .omit
    ) {
        self.keyCase = keyCase
        self.leadSource = leadSource
        self.absentFields = absentFields
    }
}
