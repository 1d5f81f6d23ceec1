/// How the sandbox's flow engine matches keys, both as docs/reference/flows.md §3 reports Logic Apps does
/// ([3P] IllogicApps, written by testing real workflows; no first-party statement [NOT FOUND]),
/// and both switchable because the evidence is third-party.
public struct FlowOptions: Sendable, Equatable {
    /// Property reads in expressions find `FirstName` when the lead has `firstName`.
    public var caseInsensitiveReads: Bool
    /// A schema's `required` list is compared case-sensitively.
    public var requiredCaseSensitive: Bool

    /// Creates options; the defaults are docs/reference/flows.md §3's.
    public init(caseInsensitiveReads: Bool = true, requiredCaseSensitive: Bool = true) {
        self.caseInsensitiveReads = caseInsensitiveReads
        self.requiredCaseSensitive = requiredCaseSensitive
    }
}
