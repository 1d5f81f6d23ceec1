/// One destination as `lint` reads it: its name, its `type` as written (including types
/// Microsoft retired), and its scalar keys.
public struct LintEntry: Sendable, Hashable {
    /// The destination's name.
    public var name: String
    /// `https`, `azure-table`, `dynamics`, `marketo`, `salesforce`, or a retired type (`azure-blob`).
    public var type: String
    /// Where `type` is written.
    public var typeLocation: String
    /// Its scalar keys (the config's names: `url`, `orgId`, `munchkinId`, …).
    public var fields: [String: LintValue]

    /// Creates an entry.
    public init(name: String, type: String, typeLocation: String, fields: [String: LintValue]) {
        self.name = name
        self.type = type
        self.typeLocation = typeLocation
        self.fields = fields
    }
}
