/// Why an expression could not be evaluated: the text of Logic Apps' `InvalidTemplate` error
/// (docs/reference/flows.md §3).
struct FlowTemplateError: Error, Sendable, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
