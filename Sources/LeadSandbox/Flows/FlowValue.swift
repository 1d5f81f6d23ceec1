/// An evaluated expression: its JSON and, when it is part of the lead the trigger received, the
/// path to it there (the keys as the flow wrote them), so reads of lead properties can be
/// recorded — what the sandbox's flow "stores".
struct FlowValue: Sendable {
    var json: SandboxJSON
    /// The path into the trigger body; nil for values not taken from the lead.
    var lead: [String]?
    /// For `outputs('A')`: the action, so that `?['body']` on it is `body('A')`, lead path and all.
    var outputsOf: String?

    init(_ json: SandboxJSON, lead: [String]? = nil, outputsOf: String? = nil) {
        self.json = json
        self.lead = lead
        self.outputsOf = outputsOf
    }
}
