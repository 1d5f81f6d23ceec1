import Foundation
import ZIPFoundation

/// A flow definition loaded into the HTTPS sink (`leadcheck sandbox --flow FILE`, `PUT /flow`):
/// the Request trigger's settings that decide whether a lead is let in, and the actions the run
/// goes through (docs/reference/flows.md §4 for the shapes).
public struct SandboxFlow: Sendable {
    /// The Request trigger.
    struct Trigger: Sendable {
        let name: String
        /// `triggerAuthenticationType`: `All` (SAS, the legacy "Anyone"), `Tenant`, `User`
        /// (docs/reference/flows.md §2); nil when the definition does not say.
        let authentication: String?
        let schema: FlowJSON?
        /// `"operationOptions": "EnableSchemaValidation"` (docs/reference/flows.md §1).
        let validatesSchema: Bool
    }

    /// The workflow's name (an ARM resource's `name`, else `sandbox`): the runs API answers for it.
    public let name: String
    let trigger: Trigger
    let actions: [String: FlowJSON]
    /// `parameters.<name>.defaultValue`.
    let parameters: [String: FlowJSON]

    /// Reads a definition in any JSON form publishers export: `{"definition":…}` (Logic Apps),
    /// `{"properties":{"definition":…}}` (an ARM resource, a Power Automate package's
    /// definition.json, a solution's Workflows/*.json, Dataverse `clientdata`), an ARM template's
    /// `resources`, a Dataverse `workflow` row with `clientdata`, or a bare definition.
    public static func load(_ bytes: [UInt8]) throws(FlowLoadError) -> SandboxFlow {
        guard let json = FlowJSON.parse(bytes) else { throw FlowLoadError("the file is not JSON") }
        return try load(json, name: nil)
    }

    /// Reads a file with ``load(_:)``; a .zip is a Power Automate export package
    /// (`Microsoft.Flow/flows/<id>/definition.json`) or a solution (`Workflows/*.json`), docs/reference/flows.md
    /// §4, whose first flow with a Request trigger is loaded.
    public static func load(path: String) throws(FlowLoadError) -> SandboxFlow {
        guard let data = FileManager.default.contents(atPath: path) else { throw FlowLoadError("cannot read \(path)") }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            do { return try load(Array(data)) } catch { throw FlowLoadError("\(path): \(error.reason)") }
        }
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw FlowLoadError("\(path): a .zip that cannot be read (\(error))") }
        for entry in archive where entry.type == .file && entry.uncompressedSize <= 16 << 20 {
            let parts = entry.path.split(separator: "/")
            let package = parts.count == 4 && parts[0] == "Microsoft.Flow" && parts[1] == "flows" && parts[3] == "definition.json"
            let solution = parts.count == 2 && parts[0] == "Workflows" && parts[1].lowercased().hasSuffix(".json")
            guard package || solution else { continue }
            var bytes: [UInt8] = []
            guard (try? archive.extract(entry, consumer: { bytes += $0 })) != nil, let flow = try? load(bytes) else { continue }
            return flow
        }
        throw FlowLoadError("\(path): no flow with a Request trigger in Microsoft.Flow/flows/<id>/definition.json or Workflows/*.json")
    }

    private static func load(_ json: FlowJSON, name: String?) throws(FlowLoadError) -> SandboxFlow {
        if let text = json["clientdata"]?.string, let inner = FlowJSON.parse(Array(text.utf8)) { return try load(inner, name: name) }
        if let definition = json["definition"] ?? json["properties"]?["definition"] {
            return try make(definition, name: name ?? json["name"]?.string)
        }
        if let resources = json["resources"]?.array,
           let workflow = resources.first(where: { $0["type"]?.string?.lowercased() == "microsoft.logic/workflows" }) {
            return try load(workflow, name: workflow["name"]?.string)
        }
        if json["triggers"] != nil { return try make(json, name: name) }
        throw FlowLoadError("expected a flow definition: {\"definition\":…}, {\"properties\":{\"definition\":…}}, an ARM template with a Microsoft.Logic/workflows resource, or a Dataverse row with clientdata")
    }

    private static func make(_ definition: FlowJSON, name: String?) throws(FlowLoadError) -> SandboxFlow {
        guard let triggers = definition["triggers"]?.object,
              let (triggerName, trigger) = triggers.first(where: { $0.value["type"]?.string?.lowercased() == "request" }) else {
            throw FlowLoadError("the definition has no Request trigger (\"When a HTTP request is received\"), so it cannot be an HTTPS lead endpoint")
        }
        let options = trigger["operationOptions"]?.string ?? ""
        var parameters: [String: FlowJSON] = [:]
        for (key, value) in definition["parameters"]?.object ?? [:] { parameters[key] = value["defaultValue"] ?? .null }
        // An ARM template names the resource with an expression ("[parameters('name')]").
        let plain = name.flatMap { $0.hasPrefix("[") ? nil : $0 }
        return SandboxFlow(
            name: plain ?? "sandbox",
            trigger: Trigger(name: triggerName, authentication: trigger["inputs"]?["triggerAuthenticationType"]?.string, schema: trigger["inputs"]?["schema"],
                             validatesSchema: options.lowercased().contains("enableschemavalidation")),
            actions: definition["actions"]?.object ?? [:], parameters: parameters
        )
    }
}
