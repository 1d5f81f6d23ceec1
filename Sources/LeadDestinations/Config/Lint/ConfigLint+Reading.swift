import Foundation
import LeadModel
import Yams

extension ConfigLint {
    /// What `lint` reads from a `leadcheck.yaml`: every destination's scalar keys with their
    /// places (types Microsoft retired included), the matrix and where it is set. `${VARIABLE}`s
    /// are expanded from `environment`; a value naming an unset one is left unread.
    public static func read(yaml text: String, file: String, environment: [String: String]) throws(LeadCheckError) -> (entries: [LintEntry], matrix: LeadMatrix, matrixLocation: String) {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw .invalidInput(location: file, reason: "not YAML: \(error)") }
        guard let root, case let .mapping(top) = root else { throw .invalidInput(location: file, reason: "expected a mapping with 'version' and 'destinations'") }
        func place(_ node: Node) -> String { node.mark.map { "\(file):\($0.line):\($0.column)" } ?? file }
        var matrix = LeadMatrix.documented, matrixLocation = file
        if case let .mapping(defaults)? = top["defaults"], let node = defaults["matrix"] {
            matrixLocation = place(node)
            matrix = node.string.flatMap(LeadMatrix.init(rawValue:)) ?? .documented
        }
        var entries: [LintEntry] = []
        if case let .sequence(items)? = top["destinations"] {
            for (index, item) in items.enumerated() {
                guard case let .mapping(mapping) = item else { continue }
                var fields: [String: LintValue] = [:]
                for (key, value) in mapping {
                    guard let name = key.string, case let .scalar(scalar) = value else { continue }
                    let node = ConfigNode(node: value, file: file, path: name, environment: environment)
                    fields[name] = LintValue(text: try? ConfigInterpolation.expand(scalar.string, environment: environment, at: node), location: place(value))
                }
                entries.append(LintEntry(name: fields["name"]?.text ?? "destinations[\(index)]", type: fields["type"]?.text ?? "",
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
            throw .invalidInput(location: file, reason: "not a JSON object (expected a Partner Center customer-leads resource)")
        }
        let resource = top["resource"]?.object ?? top
        guard let destination = resource["leadDestination"]?.string else {
            throw .invalidInput(location: file, reason: "no 'leadDestination' (one of httpsEndpoint, table, dynamics, marketo, salesforce, blob)")
        }
        // leadDestination → the config's type, its section, and section key → config key.
        let shapes: [String: (type: String, section: String, keys: [String: String])] = [
            "httpsEndpoint": ("https", "httpsEndpointLeadConfiguration", ["httpsEndpointUrl": "url", "https_endpoint_url": "url"]),
            "table": ("azure-table", "tableLeadConfiguration", ["storageAccountConnectionString": "connectionString", "connection_string": "connectionString"]),
            "blob": ("azure-blob", "blobLeadConfiguration", ["storageAccountConnectionString": "connectionString"]),
            "dynamics": ("dynamics", "dynamicsLeadConfiguration", ["applicationId": "clientId", "directoryId": "tenantId", "applicationKey": "clientSecret",
                                                                  "username": "username", "password": "password", "authentication": "authentication", "instanceUrl": "instanceUrl"]),
            "marketo": ("marketo", "marketoLeadConfiguration", ["munchkinId": "munchkinId", "formId": "formId", "serverId": "serverId"]),
            "salesforce": ("salesforce", "salesforceLeadConfiguration", ["objectIdentifier": "orgId", "object_identifier": "orgId"]),
        ]
        guard let shape = shapes[destination] else {
            throw .invalidInput(location: "\(file): leadDestination", reason: "'\(destination)' is not one of \(shapes.keys.sorted().joined(separator: ", "))")
        }
        var fields: [String: LintValue] = [:]
        for (key, value) in resource[shape.section]?.object ?? [:] {
            guard let name = shape.keys[key] else { continue }
            let text = value.string ?? value.number.map { String(Int($0.rounded())) }
            fields[name] = LintValue(text: text, location: "\(file): \(shape.section).\(key)")
        }
        return [LintEntry(name: "partner-center", type: shape.type, typeLocation: "\(file): leadDestination", fields: fields)]
    }
}
