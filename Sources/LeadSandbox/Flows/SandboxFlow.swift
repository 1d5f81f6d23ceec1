import Foundation
import LeadFlowFiles

/// A flow definition loaded into the HTTPS sink (`leadcheck sandbox --flow FILE`, `PUT /flow`):
/// the Request trigger's settings that decide whether a lead is let in, and the actions the run
/// goes through (docs/reference/flows.md §4 for the shapes).
public struct SandboxFlow: Sendable {
    /// The Request trigger.
    struct Trigger: Sendable {
        let name: String
        /// `kind`: `Http` (or none, in Logic Apps) is "When a HTTP request is received"; `Button`,
        /// `PowerApp`, `PowerAppV2`, `ApiConnection`, … are manual triggers nothing outside can
        /// call (docs/reference/flows.md §7).
        let kind: String?
        /// `inputs.method`: the one HTTP method the trigger accepts; nil accepts POST.
        let method: String?
        /// `triggerAuthenticationType`: `All` (SAS, the legacy "Anyone"), `Tenant`, `User`
        /// (docs/reference/flows.md §2); nil when the definition does not say.
        let authentication: String?
        let schema: SandboxJSON?
        /// `"operationOptions": "EnableSchemaValidation"` (docs/reference/flows.md §1).
        let validatesSchema: Bool
    }

    /// The workflow's name (an ARM resource's `name`, else `sandbox`): the runs API answers for it.
    public let name: String
    let trigger: Trigger
    let actions: [String: SandboxJSON]
    /// `parameters.<name>.defaultValue`.
    let parameters: [String: SandboxJSON]

    /// Reads a definition in any form publishers export, through the unpacker `flow check` uses
    /// too (``FlowFileReader``: Logic Apps and ARM JSON, commented templates, Dataverse rows and
    /// `clientdata` strings, OData lists, export packages and solutions); the first definition
    /// with a Request trigger is loaded. What the definition does is read here, with the
    /// sandbox's own code.
    public static func load(_ bytes: [UInt8]) throws(FlowLoadError) -> SandboxFlow {
        try load(Data(bytes), name: "the flow")
    }

    /// Reads a file with ``load(_:)``.
    public static func load(path: String) throws(FlowLoadError) -> SandboxFlow {
        let documents: [FlowDocument]
        do { documents = try FlowFileReader.read(path: path) } catch { throw FlowLoadError(error.message) }
        return try first(of: documents, in: path)
    }

    private static func load(_ data: Data, name: String) throws(FlowLoadError) -> SandboxFlow {
        let documents: [FlowDocument]
        do { documents = try FlowFileReader.documents(in: data, name: name) } catch {
            throw FlowLoadError(error.message)
        }
        return try first(of: documents, in: name)
    }

    private static func first(of documents: [FlowDocument], in name: String) throws(FlowLoadError) -> SandboxFlow {
        var reason = "\(name): no definition in it"
        for document in documents {
            // The unpacker's JSON becomes the sandbox's own value type.
            guard let bytes = try? JSONEncoder().encode(document.definition),
                let definition = SandboxJSON.parse(Array(bytes))
            else { continue }
            do { return try make(definition, name: document.name) } catch {
                reason = "\(document.origin): \(error.reason)"
            }
        }
        throw FlowLoadError(reason)
    }

    private static func make(_ definition: SandboxJSON, name: String?) throws(FlowLoadError) -> SandboxFlow {
        // Of several Request triggers, an HTTP one is the one Microsoft's connector could call.
        let requests = (definition["triggers"]?.object ?? [:]).filter {
            $0.value["type"]?.string?.lowercased() == "request"
        }.sorted { $0.key < $1.key }
        guard
            let (triggerName, trigger) = requests.first(where: {
                ($0.value["kind"]?.string ?? "http").lowercased() == "http"
            }) ?? requests.first
        else {
            throw FlowLoadError(
                "the definition has no Request trigger (\"When a HTTP request is received\"), so it cannot be an HTTPS lead endpoint"
            )
        }
        let options = trigger["operationOptions"]?.string ?? ""
        var parameters: [String: SandboxJSON] = [:]
        for (key, value) in definition["parameters"]?.object ?? [:] { parameters[key] = value["defaultValue"] ?? .null }
        return SandboxFlow(
            name: name ?? "sandbox",
            trigger: Trigger(
                name: triggerName, kind: trigger["kind"]?.string, method: trigger["inputs"]?["method"]?.string,
                authentication: trigger["inputs"]?["triggerAuthenticationType"]?.string,
                schema: trigger["inputs"]?["schema"],
                validatesSchema: options.lowercased().contains("enableschemavalidation")),
            actions: definition["actions"]?.object ?? [:], parameters: parameters
        )
    }
}
