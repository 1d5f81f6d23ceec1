import LeadFlowFiles

/// Why a JSON value does not satisfy a flow's schema, as Logic Apps' validation reports it
/// (docs/reference/flows.md §3: `errorType` `required` or `type`, Newtonsoft's messages).
public struct SchemaViolation: Sendable, Hashable {
    /// Where in the schema: the `required`, `type`, `enum` or `additionalProperties` keyword.
    public let schemaPointer: JSONPointer
    /// The failed keyword, as the run's `errors[].errorType` names it.
    public let errorType: String
    /// Logic Apps' message, e.g. "Required properties are missing from object: UserDetails."
    public let message: String
    /// Where in the lead's body, e.g. `userDetails.phone`.
    public let path: String
}
