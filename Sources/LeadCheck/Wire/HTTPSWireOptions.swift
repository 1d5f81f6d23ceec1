/// Choices for the HTTPS-endpoint payload where Microsoft's behaviour is not documented.
public struct HTTPSWireOptions: Sendable, Hashable, Codable {
    /// Key casing; PascalCase as documented.
    public var keyCase: JSONKeyCase
    /// `LeadSource` content; the source alone, as in the documented example.
    public var leadSource: LeadSourceContent
    /// How absent customer fields are written.
    public var absentFields: AbsentFieldStyle

    /// Creates options; the defaults follow the documented example.
    public init(keyCase: JSONKeyCase = .pascal, leadSource: LeadSourceContent = .sourceOnly, absentFields: AbsentFieldStyle = .omit) {
        self.keyCase = keyCase
        self.leadSource = leadSource
        self.absentFields = absentFields
    }
}
