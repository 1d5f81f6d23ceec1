import Foundation
import LeadFiles
import LeadModel
import ZIPFoundation

/// Finds the workflow definitions in a file, whichever form the publisher exported
/// (docs/reference/flows.md §4): a JSON document, or a Power Automate export package or solution archive.
public enum FlowFileReader {
    /// The largest file (and archive entry) read: exports are kilobytes; this bounds a hostile one.
    public static let maxBytes = 32 << 20

    /// What a flow file may be, for the error that says it was none of them.
    public static let expected = """
        a Logic Apps definition ({"definition": {…}}), an ARM resource (properties.definition), a Power Automate \
        export package (.zip with Microsoft.Flow/flows/<id>/definition.json), a solution (.zip with Workflows/*.json) \
        or Dataverse clientdata
        """

    /// The definitions in the file at `path`.
    public static func read(path: String) throws(LeadCheckError) -> [FlowDocument] {
        try documents(in: try InputFile.read(path, maxBytes: maxBytes), name: path)
    }

    /// The definitions in `data`, read from `name`.
    public static func documents(in data: Data, name: String) throws(LeadCheckError) -> [FlowDocument] {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try archive(data, name: name) }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw .invalidInput(location: name, reason: "neither JSON nor a .zip archive; expected \(expected)")
        }
        guard let found = documents(in: value, origin: name, form: nil), !found.isEmpty else {
            throw .invalidInput(location: name, reason: "no workflow definition (an object with 'triggers') in it; expected \(expected)")
        }
        return found
    }

    /// A definition is the object with the workflow's `triggers` (WDL, docs/reference/flows.md §4).
    static func isDefinition(_ value: JSONValue?) -> Bool {
        value?["triggers"]?.object != nil
    }

    /// The definitions in a JSON document; `form` is the archive's form when it came from one.
    static func documents(in value: JSONValue, origin: String, form: FlowForm?) -> [FlowDocument]? {
        func found(_ tokens: [String], _ own: FlowForm) -> [FlowDocument] {
            [FlowDocument(origin: origin, document: value, definitionPointer: JSONPointer(tokens: tokens), form: form ?? own)]
        }
        if isDefinition(value) { return found([], .bareDefinition) }
        if isDefinition(value["definition"]) { return found(["definition"], .logicApps) }
        if isDefinition(value["properties"]?["definition"]) {
            // clientdata is `{"properties":{"connectionReferences":…,"definition":…},"schemaVersion":…}`.
            return found(["properties", "definition"], value["schemaVersion"] != nil ? .clientData : .armResource)
        }
        if let resources = value["resources"]?.array {
            // An ARM template: each Microsoft.Logic/workflows resource.
            let flows = resources.indices.filter { isDefinition(resources[$0]["properties"]?["definition"]) }
            if !flows.isEmpty {
                return flows.map {
                    FlowDocument(origin: origin, document: value, definitionPointer: JSONPointer(tokens: ["resources", String($0), "properties", "definition"]),
                                 form: form ?? .armResource)
                }
            }
        }
        if let text = value["clientdata"]?.string {
            // A Dataverse `workflow` row: clientdata is the definition, string-encoded.
            guard let inner = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else { return nil }
            return documents(in: inner, origin: "\(origin) (clientdata)", form: .clientData)
        }
        if let rows = value["value"]?.array {
            // A Dataverse query answer: `{"value":[{"clientdata":"…"}, …]}`.
            let inner = rows.enumerated().compactMap { index, row in documents(in: row, origin: "\(origin) (value[\(index)])", form: form) }
            return inner.isEmpty ? nil : inner.flatMap { $0 }
        }
        return nil
    }

    /// The flows in an export package or a solution.
    static func archive(_ data: Data, name: String) throws(LeadCheckError) -> [FlowDocument] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw .invalidInput(location: name, reason: "a .zip archive that cannot be read (\(error)); expected \(expected)")
        }
        var documents: [FlowDocument] = []
        for entry in archive where entry.type == .file {
            let path = entry.path
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            let form: FlowForm
            if parts.count == 4, parts[0] == "Microsoft.Flow", parts[1] == "flows", parts[3] == "definition.json" {
                form = .exportPackage
            } else if parts.count == 2, parts[0] == "Workflows", parts[1].lowercased().hasSuffix(".json") {
                form = .solution
            } else {
                continue
            }
            let origin = "\(name):\(path)"
            guard entry.uncompressedSize <= UInt64(maxBytes) else {
                throw .invalidInput(location: origin, reason: "the entry is larger than \(maxBytes >> 20) MiB")
            }
            var bytes = Data()
            do { _ = try archive.extract(entry) { bytes.append($0) } } catch {
                throw .invalidInput(location: origin, reason: "the entry cannot be extracted (\(error))")
            }
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: bytes),
                  let found = self.documents(in: value, origin: origin, form: form), !found.isEmpty else {
                throw .invalidInput(location: origin, reason: "no workflow definition (properties.definition with 'triggers') in it")
            }
            documents += found
        }
        guard !documents.isEmpty else {
            throw .invalidInput(location: name, reason: "the archive holds neither Microsoft.Flow/flows/<id>/definition.json nor Workflows/*.json; expected \(expected)")
        }
        return documents
    }
}
