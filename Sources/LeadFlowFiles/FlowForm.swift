/// The forms a publisher may hand leadcheck a flow in (docs/reference/flows.md §4).
public enum FlowForm: String, Sendable, Hashable {
    /// `{"definition": {…}}`, as the Logic Apps code view or `az logic workflow show` gives it.
    case logicApps = "Logic Apps definition"
    /// An ARM resource (or a template's resource) with `properties.definition`.
    case armResource = "ARM resource"
    /// A bare definition (`$schema`, `triggers`, `actions` at the top).
    case bareDefinition = "workflow definition"
    /// A Power Automate export package: `Microsoft.Flow/flows/<id>/definition.json`.
    case exportPackage = "Power Automate export package"
    /// A solution: `Workflows/<Name>-<GUID>.json`.
    case solution = "solution"
    /// Dataverse's `workflow.clientdata` (the string, or a row holding it).
    case clientData = "Dataverse clientdata"
}
