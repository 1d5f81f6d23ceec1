import Foundation
import LeadModel
import ZIPFoundation

/// Finds the workflow definitions in a file, whichever form the publisher exported
/// (docs/reference/flows.md §4, §7): a JSON document (an ARM template may carry comments; Dataverse's
/// `clientdata` may be a JSON-encoded string), or a Power Automate export package or solution
/// archive. The one unpacker both `flow check` and the sandbox read flows through: it only finds
/// the definition; what the definition means is each side's own business.
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
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .inputUnreadable(
                path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maxBytes + 1) ?? Data() } catch {
            throw .inputUnreadable(path: path, reason: error.localizedDescription)
        }
        guard data.count <= maxBytes else {
            throw .invalidInput(location: path, reason: "the file is larger than \(maxBytes) bytes")
        }
        return try documents(in: data, name: path)
    }

    /// The definitions in `data`, read from `name`.
    public static func documents(in data: Data, name: String) throws(LeadCheckError) -> [FlowDocument] {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try archive(data, name: name) }
        // An ARM template with `//` or `/* */` comments is read with the comments blanked.
        guard
            let value = (try? JSONDecoder().decode(JSONValue.self, from: data))
                ?? JSONComments.blanked(data).flatMap({ try? JSONDecoder().decode(JSONValue.self, from: $0) })
        else {
            throw .invalidInput(location: name, reason: "neither JSON nor a .zip archive; expected \(expected)")
        }
        guard let found = documents(in: value, origin: name, form: nil), !found.isEmpty else {
            throw .invalidInput(
                location: name, reason: "no workflow definition (an object with 'triggers') in it; expected \(expected)"
            )
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
            [
                FlowDocument(
                    origin: origin, document: value, definitionPointer: JSONPointer(tokens: tokens), form: form ?? own,
                    name: plainName(value["name"]?.string))
            ]
        }
        if let text = value.string {
            // The `clientdata` column's value on its own: a JSON document encoded as a string.
            guard let inner = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), inner.string == nil
            else { return nil }
            return documents(in: inner, origin: "\(origin) (JSON string)", form: form ?? .clientData)
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
                    FlowDocument(
                        origin: origin, document: value,
                        definitionPointer: JSONPointer(tokens: ["resources", String($0), "properties", "definition"]),
                        form: form ?? .armResource, name: plainName(resources[$0]["name"]?.string))
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
            let inner = rows.enumerated().compactMap { index, row in
                documents(in: row, origin: "\(origin) (value[\(index)])", form: form)
            }
            return inner.isEmpty ? nil : inner.flatMap { $0 }
        }
        return nil
    }

    /// A workflow's name as written, unless an ARM template computes it (`[parameters('name')]`).
    static func plainName(_ name: String?) -> String? {
        guard let name, !name.isEmpty, !name.hasPrefix("[") else { return nil }
        return name
    }

    /// The flows in an export package or a solution.
    static func archive(_ data: Data, name: String) throws(LeadCheckError) -> [FlowDocument] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw .invalidInput(
                location: name, reason: "a .zip archive that cannot be read (\(error)); expected \(expected)")
        }
        var documents: [FlowDocument] = []
        // What the entries hold once extracted, counted as it arrives: an entry's header may
        // understate its size, and many entries may add up (a zip bomb).
        var extracted = 0
        struct TooLarge: Error {}
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
            do {
                _ = try archive.extract(entry) { chunk in
                    extracted += chunk.count
                    guard bytes.count + chunk.count <= maxBytes, extracted <= 4 * maxBytes else { throw TooLarge() }
                    bytes.append(chunk)
                }
            } catch is TooLarge {
                throw .invalidInput(
                    location: origin,
                    reason:
                        "an entry extracts to more than \(maxBytes >> 20) MiB, or the entries together to more than \((4 * maxBytes) >> 20) MiB"
                )
            } catch {
                throw .invalidInput(location: origin, reason: "the entry cannot be extracted (\(error))")
            }
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: bytes),
                let found = self.documents(in: value, origin: origin, form: form), !found.isEmpty
            else {
                throw .invalidInput(
                    location: origin, reason: "no workflow definition (properties.definition with 'triggers') in it")
            }
            documents += found
        }
        guard !documents.isEmpty else {
            throw .invalidInput(
                location: name,
                reason:
                    "the archive holds neither Microsoft.Flow/flows/<id>/definition.json nor Workflows/*.json; expected \(expected)"
            )
        }
        return documents
    }
}
