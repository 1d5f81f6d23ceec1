import LeadFlowFiles
import LeadModel

/// One action of a definition, wherever it is nested, with what decides whether it runs.
struct ActionSite: Sendable {
    /// Its key in its `actions` map: what `body('NAME')` names.
    let name: String
    let value: JSONValue
    let pointer: JSONPointer
    /// Its `type`, lowercased (`parsejson`, `response`, `if`, …).
    let type: String
    /// Whether it sits in a branch of a condition or a switch, so some runs skip it.
    let conditional: Bool

    /// Every action in an `actions` map and in the branches and bodies nested in it (WDL: `If`
    /// has `actions` and `else.actions`; `Switch` has `cases.*.actions` and `default.actions`;
    /// `Scope`, `Foreach` and `Until` have `actions`).
    static func all(in map: JSONValue?, at pointer: JSONPointer, conditional: Bool = false) -> [ActionSite] {
        guard let actions = map?.object else { return [] }
        var sites: [ActionSite] = []
        for name in actions.keys.sorted() {
            guard let action = actions[name] else { continue }
            let here = pointer.appending(name)
            let type = action["type"]?.string?.lowercased() ?? ""
            sites.append(ActionSite(name: name, value: action, pointer: here, type: type, conditional: conditional))
            switch type {
            case "if":
                sites += all(in: action["actions"], at: here.appending("actions"), conditional: true)
                sites += all(
                    in: action["else"]?["actions"], at: here.appending(["else", "actions"]), conditional: true)
            case "switch":
                for key in (action["cases"]?.object ?? [:]).keys.sorted() {
                    sites += all(
                        in: action["cases"]?[key]?["actions"], at: here.appending(["cases", key, "actions"]),
                        conditional: true)
                }
                sites += all(
                    in: action["default"]?["actions"], at: here.appending(["default", "actions"]), conditional: true)
            default:
                sites += all(in: action["actions"], at: here.appending("actions"), conditional: conditional)
            }
        }
        return sites
    }
}
