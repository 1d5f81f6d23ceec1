import Foundation
import LeadFiles
import LeadModel

/// What a captured request is — a JSON lead, a Web-to-Lead form post, something else — and how
/// it differs from leadcheck's model of Microsoft's lead (docs/reference/https-endpoint.md §1:
/// camelCase `userDetails{…}`, `leadSource`, `actionCode`, `offerTitle`, `description`; the
/// Web-to-Lead fields of docs/reference/salesforce.md §2): keys and their casing, unknown and
/// missing keys, value types, the content type, and Microsoft's Validate lead by its marker.
public enum CaptureAnalysis {
    /// The top-level keys leadcheck sends, and those of `userDetails`.
    static let topKeys = ["userDetails", "leadSource", "actionCode", "offerTitle", "description"]
    static let userKeys = CustomerField.allCases.map { $0.rawValue.prefix(1).lowercased() + $0.rawValue.dropFirst() }
    /// The fields of Microsoft's Web-to-Lead post.
    static let formFields = [
        "oid", "encoding", "first_name", "last_name", "email", "phone", "country", "company", "title", "description",
        "lead_source",
    ]

    /// One line: what arrived and how it differs.
    public static func describe(contentType: String?, body: [UInt8]) -> String {
        let type = contentType ?? "none"
        var notes: [String] = []
        if String(decoding: body, as: UTF8.self).contains("MSFT_TEST_") {
            notes.append("Microsoft's Validate lead (MSFT_TEST_ marker)")
        }
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)), let object = value.object,
            object.keys.contains(where: { key in topKeys.contains { $0.lowercased() == key.lowercased() } })
        {
            var differences = differences(object, model: topKeys, path: "")
            if let user = object.first(where: { $0.key.lowercased() == "userdetails" })?.value {
                if let members = user.object {
                    differences += Self.differences(members, model: userKeys, path: "userDetails.", optional: true)
                } else {
                    differences.append("type: userDetails is \(kind(user)), not an object")
                }
            }
            if !type.lowercased().contains("application/json") {
                differences.append("content type \(type) (leadcheck sends application/json; charset=utf-8)")
            }
            let verdict =
                differences.isEmpty
                ? "matches leadcheck's model (camelCase, every key a string)"
                : "differs from leadcheck's model: " + differences.joined(separator: "; ")
            return (["JSON lead", verdict] + notes).joined(separator: " · ")
        }
        let form = CapturedLead.formFields(body)
        if type.lowercased().contains("x-www-form-urlencoded") || form.keys.contains("oid") {
            let unknown = form.keys.filter { !formFields.contains($0) }.sorted()
            let missing = formFields.filter { form[$0] == nil }
            var differences: [String] = []
            if !unknown.isEmpty {
                differences.append("fields leadcheck does not send: \(unknown.joined(separator: ", "))")
            }
            if !missing.isEmpty {
                differences.append("fields leadcheck sends that are absent: \(missing.joined(separator: ", "))")
            }
            let verdict =
                differences.isEmpty
                ? "matches leadcheck's Web-to-Lead fields"
                : "differs from leadcheck's Web-to-Lead fields: " + differences.joined(separator: "; ")
            return (["Web-to-Lead form", verdict] + notes).joined(separator: " · ")
        }
        return (["other: \(body.count) bytes, content type \(type)"] + notes).joined(separator: " · ")
    }

    /// Keys in another casing, unknown keys, missing keys and non-string values of `object`
    /// against `model`.
    static func differences(_ object: [String: JSONValue], model: [String], path: String, optional: Bool = false)
        -> [String]
    {
        var casing: [String] = []
        var unknown: [String] = []
        var types: [String] = []
        for key in object.keys.sorted() {
            guard let expected = model.first(where: { $0.lowercased() == key.lowercased() }) else {
                unknown.append(path + key)
                continue
            }
            if expected != key { casing.append("\(path)\(key) (leadcheck: \(path)\(expected))") }
            if let value = object[key], expected != "userDetails" {
                switch value {
                case .string: break
                case .null where optional || expected == "description": break
                default: types.append("\(path)\(key) is \(kind(value))")
                }
            }
        }
        let present = Set(object.keys.map { $0.lowercased() })
        let missing = model.filter { !present.contains($0.lowercased()) }.map { path + $0 }
        var out: [String] = []
        if !casing.isEmpty { out.append("casing: " + casing.joined(separator: ", ")) }
        if !unknown.isEmpty { out.append("unknown keys: " + unknown.joined(separator: ", ")) }
        if !missing.isEmpty {
            out.append(
                "absent: " + missing.joined(separator: ", ") + (optional ? " (Microsoft leaves out what it lacks)" : "")
            )
        }
        if !types.isEmpty { out.append("types: " + types.joined(separator: ", ")) }
        return out
    }

    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

}
