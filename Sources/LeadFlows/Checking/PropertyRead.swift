/// A chain of property reads in a workflow expression, such as
/// `triggerBody()?['userDetails']?['firstName']` or `body('Parse_JSON')['leadSource']`: where a
/// flow takes a lead's value from.
struct PropertyRead: Sendable, Hashable {
    /// What the chain starts from.
    enum Base: Sendable, Hashable {
        /// The trigger's body: `triggerBody()`, `triggerOutputs()['body']`.
        case trigger
        /// An action's body: `body('NAME')`, `outputs('NAME')['body']`.
        case action(String)
    }

    /// One property read: `['key']` or `.key`, with `?` before it when the read is null-safe.
    struct Step: Sendable, Hashable {
        let key: String
        let safe: Bool
    }

    let base: Base
    let steps: [Step]
    /// The chain as written, for messages.
    let text: String
    /// The function the chain is handed to directly as its first argument, as written (`toLower`
    /// in `toLower(triggerBody()?['userDetails']?['email'])`), if any.
    var argumentOf: String? = nil
}
