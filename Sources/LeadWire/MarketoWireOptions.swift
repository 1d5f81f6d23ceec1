import LeadModel

/// Choices for Marketo bodies.
public struct MarketoWireOptions: Sendable, Hashable, Codable {
    /// The Partner Center "Form ID".
    public var formID: Int
    /// The REST name of the "Lead Source" field the docs require on the form; it may be mapped
    /// to `SourceSystemName` or a custom field, so it is configurable.
    public var leadSourceField: String
    /// The REST name of a field for Description, or `nil` to send none (Microsoft's field list is
    /// only in an unreadable screenshot, docs/reference/marketo.md §1).
    public var descriptionField: String?
    /// submitForm or sync.
    public var mode: MarketoMode
    /// Sync's `action`.
    public var syncAction: String

    /// Creates options.
    public init(
        formID: Int = 1001, leadSourceField: String = "leadSource", descriptionField: String? = nil,
        mode: MarketoMode = .submitForm, syncAction: String = "createOrUpdate"
    ) {
        self.formID = formID
        self.leadSourceField = leadSourceField
        self.descriptionField = descriptionField
        self.mode = mode
        self.syncAction = syncAction
    }
}
