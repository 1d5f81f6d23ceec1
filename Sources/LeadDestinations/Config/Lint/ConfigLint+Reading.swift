import Foundation
import LeadModel
import Yams

extension ConfigLint {
    /// What `lint` reads from a `leadcheck.yaml`: every destination's scalar keys with their
    /// places (types Microsoft retired included), the matrix and where it is set. `${VARIABLE}`s
    /// are expanded from `environment`; a value naming an unset one is left unread.
    public static func read(yaml text: String, file: String, environment: [String: String]) throws(LeadCheckError) -> (
        entries: [LintEntry], matrix: LeadMatrix, matrixLocation: String
    ) {
        if let (line, column) = ConfigLoader.firstAnchorOrAlias(in: text) {
            // The same refusal as the loader's: Yams expands aliases while composing (an alias bomb).
            throw .invalidInput(
                location: "\(file):\(line):\(column)",
                reason: "anchors and aliases (& and *) are not supported in leadcheck.yaml")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw .invalidInput(location: file, reason: "not YAML: \(error)")
        }
        guard let root, case .mapping(let top) = root else {
            throw .invalidInput(location: file, reason: "expected a mapping with 'version' and 'destinations'")
        }
        func place(_ node: Node) -> String { node.mark.map { "\(file):\($0.line):\($0.column)" } ?? file }
        var matrix = LeadMatrix.documented
        var matrixLocation = file
        if case .mapping(let defaults)? = top["defaults"], let node = defaults["matrix"] {
            matrixLocation = place(node)
            matrix = node.string.flatMap(LeadMatrix.init(rawValue:)) ?? .documented
        }
        var entries: [LintEntry] = []
        if case .sequence(let items)? = top["destinations"] {
            for (index, item) in items.enumerated() {
                guard case .mapping(let mapping) = item else { continue }
                var fields: [String: LintValue] = [:]
                for (key, value) in mapping {
                    guard let name = key.string, case .scalar(let scalar) = value else { continue }
                    let node = ConfigNode(node: value, file: file, path: name, environment: environment)
                    fields[name] = LintValue(
                        text: try? ConfigInterpolation.expand(scalar.string, environment: environment, at: node),
                        location: place(value))
                }
                entries.append(
                    LintEntry(
                        name: fields["name"]?.text ?? "destinations[\(index)]", type: fields["type"]?.text ?? "",
                        typeLocation: fields["type"]?.location ?? place(item), fields: fields))
            }
        }
        return (entries, matrix, matrixLocation)
    }

    /// What `lint` reads from a Partner Center customer-leads resource
    /// (docs/reference/partner-center.md §4): the destination `leadDestination` names, with its
    /// `*LeadConfiguration` keys under the config's names, placed by JSON path.
    public static func read(partnerCenter data: Data, file: String) throws(LeadCheckError) -> [LintEntry] {
        guard let top = try? JSONDecoder().decode(JSONObject.self, from: data) else {
            throw .invalidInput(
                location: file, reason: "not a JSON object (expected a Partner Center customer-leads resource)")
        }
        // The same unwrapping as the import (a configure document's `resources` too), so lint
        // never refuses a document verify --partner-center takes.
        let resource = try PartnerCenterImport.customerLeads(in: top["resource"]?.object ?? top, file: file)
        guard let destination = resource["leadDestination"]?.string else {
            throw .invalidInput(
                location: file,
                reason: "no 'leadDestination' (one of httpsEndpoint, table, dynamics, marketo, salesforce, blob)")
        }
        // leadDestination → the config's type, its section names, and section key → config key;
        // the older ingestion SDK's snake_case names as the import takes them.
        let shapes: [String: (type: String, sections: [String], keys: [String: String])] = [
            "httpsEndpoint": (
                "https", ["httpsEndpointLeadConfiguration"], ["httpsEndpointUrl": "url", "https_endpoint_url": "url"]
            ),
            "table": (
                "azure-table", ["tableLeadConfiguration"],
                [
                    "storageAccountConnectionString": "connectionString",
                    "storage_account_connection_string": "connectionString",
                    "connection_string": "connectionString",
                ]
            ),
            "blob": ("azure-blob", ["blobLeadConfiguration"], ["storageAccountConnectionString": "connectionString"]),
            "dynamics": (
                "dynamics", ["dynamicsLeadConfiguration"],
                [
                    "applicationId": "clientId", "directoryId": "tenantId", "applicationKey": "clientSecret",
                    "username": "username", "password": "password", "authentication": "authentication",
                    "instanceUrl": "instanceUrl", "uri": "instanceUrl",
                ]
            ),
            "marketo": (
                "marketo", ["marketoLeadConfiguration"],
                [
                    "munchkinId": "munchkinId", "munchkin_account_id": "munchkinId", "formId": "formId",
                    "form_id": "formId",
                    "serverId": "serverId",
                ]
            ),
            "salesforce": (
                "salesforce", ["salesforceLeadConfiguration", "salesForceLeadConfiguration"],
                ["objectIdentifier": "orgId", "object_identifier": "orgId", "oid": "orgId"]
            ),
        ]
        if destination == "none" || destination == "email" {
            throw .invalidInput(
                location: "\(file): leadDestination",
                reason:
                    "leadDestination '\(destination)' is not a destination leadcheck can verify (Microsoft emails or stores those leads itself)"
            )
        }
        guard let shape = shapes[destination] else {
            throw .invalidInput(
                location: "\(file): leadDestination",
                reason: "'\(destination)' is not one of \(shapes.keys.sorted().joined(separator: ", "))")
        }
        let section = shape.sections.first { resource[$0]?.object != nil } ?? shape.sections[0]
        var fields: [String: LintValue] = [:]
        for (key, value) in resource[section]?.object ?? [:] {
            guard let name = shape.keys[key] else { continue }
            // `text`, not Int(_:): a number too big for an Int (formId 1e19) is read as written, not trapped on.
            let text = value.string ?? (value.number != nil ? value.text : nil)
            fields[name] = LintValue(text: text, location: "\(file): \(section).\(key)")
        }
        return [
            LintEntry(
                name: "partner-center", type: shape.type, typeLocation: "\(file): leadDestination", fields: fields)
        ]
    }
}
