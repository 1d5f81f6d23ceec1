import LeadModel

/// Choices for the Dataverse `lead` record.
public struct DynamicsWireOptions: Sendable, Hashable, Codable {
    /// The `leadsourcecode` option value. The connector sets it (the FAQ's privilege error
    /// proves that) but which value is unknown; 8 = Web is a guess ([INF], docs/reference/dynamics.md §1).
    public var leadSourceCode: Int

    /// Creates options.
    public init(leadSourceCode: Int = 8) { self.leadSourceCode = leadSourceCode }
}
