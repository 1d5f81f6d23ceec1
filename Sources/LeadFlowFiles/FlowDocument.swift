import LeadModel

/// One workflow definition found in a file: a Logic Apps definition, a Power Automate flow in
/// an export package or a solution, or Dataverse `clientdata` (docs/reference/flows.md §4).
public struct FlowDocument: Sendable, Hashable {
    /// Where it came from: the file, and for an archive the entry (`flow.zip:Workflows/A.json`);
    /// for `clientdata` inside a row, the column.
    public let origin: String
    /// The JSON document the pointers index (the file, the archive entry, or the decoded
    /// `clientdata` string).
    public let document: JSONValue
    /// Where the definition (the object holding `triggers` and `actions`) is in `document`.
    public let definitionPointer: JSONPointer
    /// The form it was read from.
    public let form: FlowForm
    /// The workflow's name when the document names it (an ARM resource's `name`).
    public let name: String?

    /// Creates a document.
    public init(
        origin: String, document: JSONValue, definitionPointer: JSONPointer, form: FlowForm, name: String? = nil
    ) {
        self.origin = origin
        self.document = document
        self.definitionPointer = definitionPointer
        self.form = form
        self.name = name
    }

    /// The definition object.
    public var definition: JSONValue {
        definitionPointer.tokens.reduce(document) { value, token in
            if let items = value.array, let index = Int(token), items.indices.contains(index) { return items[index] }
            return value[token] ?? .null
        }
    }
}
