import Foundation
import HTTPTypes
import LeadModel

extension MarketoService {
    func body(_ request: SandboxRequest) -> Checked<[String: SandboxJSON], SandboxResponse> {
        guard (request.headers[.contentType] ?? "").lowercased().contains("application/json") else {
            return .rejected(Self.failure("612", "Invalid Content Type"))
        }
        guard let object = SandboxJSON.parseObject(request.body) else {
            return .rejected(Self.failure("609", "Invalid JSON"))
        }
        return .accepted(object)
    }

    /// Validates and mangles one record's fields; a skip reason when the record cannot be stored.
    func prepare(_ input: [String: SandboxJSON], allowed: Set<String>) -> Checked<PreparedMarketoLead, SandboxJSON> {
        let effects = faults.effects(for: .marketo)
        var fields: [String: SandboxJSON] = [:]
        for (key, value) in input {
            guard allowed.contains(key) else {
                return .rejected(["code": "1006", "message": .string("Field '\(key)' not found")])
            }
            guard var text = value.string else {
                fields[key] = value
                continue
            }
            text = FieldMangling.apply(effects, to: text, limit: Self.fieldLength)
            if text.utf16.count > Self.fieldLength {
                return .rejected(["code": "1003", "message": .string("Value for field '\(key)' is too long")])
            }
            fields[key] = .string(text)
        }
        guard let email = fields["email"]?.string, !email.isEmpty else {
            return .rejected(["code": "1003", "message": "Value for field 'email' required"])
        }
        guard email.unicodeScalars.allSatisfy(\.isASCII), email.contains("@") else {
            return .rejected(["code": "1003", "message": "Invalid value for field 'email'"])
        }
        return .accepted(PreparedMarketoLead(email: email, fields: fields))
    }

    /// Sync Leads: createOrUpdate (default), createOnly, updateOnly; lookupField email.
    func sync(_ request: SandboxRequest) async throws -> SandboxResponse {
        let object: [String: SandboxJSON]
        switch body(request) {
        case .accepted(let o): object = o
        case .rejected(let r): return r
        }
        let action = object["action"]?.string ?? "createOrUpdate"
        guard ["createOrUpdate", "createOnly", "updateOnly", "createDuplicate"].contains(action) else {
            return Self.failure("1003", "Invalid action '\(action)'")
        }
        guard (object["lookupField"]?.string ?? "email") == "email" else {
            return Self.failure("1003", "Only lookupField email is supported by the sandbox")
        }
        // Every record must be an object, as it had to be before the sandbox had its own JSON type.
        guard let list = object["input"]?.array, case let input = list.compactMap(\.object), input.count == list.count,
            !input.isEmpty
        else {
            return Self.failure("701", "input cannot be blank")
        }
        guard input.count <= 300 else { return Self.failure("1003", "Batch size exceeds 300") }
        var result: [SandboxJSON] = []
        for record in input {
            switch prepare(record, allowed: Self.knownFields) {
            case .rejected(let reason):
                result.append(["status": "skipped", "reasons": [reason]])
            case .accepted(let prepared):
                let outcome = try await store.upsertMarketoLead(
                    email: prepared.email, fields: prepared.fields,
                    allowCreate: action != "updateOnly",
                    allowUpdate: action == "createOrUpdate" || action == "updateOnly")
                if let outcome {
                    result.append(["id": SandboxJSON(outcome.id), "status": outcome.created ? "created" : "updated"])
                } else {
                    result.append([
                        "status": "skipped",
                        "reasons": [
                            action == "createOnly"
                                ? ["code": "1005", "message": "Lead already exists"]
                                : ["code": "1004", "message": "Lead not found"]
                        ],
                    ])
                }
            }
        }
        return Self.success(result)
    }

    /// Submit Form: one record; every field must be on the form.
    func submitForm(_ request: SandboxRequest) async throws -> SandboxResponse {
        let object: [String: SandboxJSON]
        switch body(request) {
        case .accepted(let o): object = o
        case .rejected(let r): return r
        }
        guard let formID = object["formId"]?.int64 else { return Self.failure("701", "formId cannot be blank") }
        guard formID == Int64(credentials.formID) else {
            return Self.failure("610", "Requested resource not found: form \(formID)")
        }
        guard let input = object["input"]?.array, input.count == 1, let fields = input[0]["leadFormFields"]?.object
        else {
            return Self.failure("1003", "Exactly one input with leadFormFields is required")
        }
        var formFields = Set(credentials.formFields)
        for effect in faults.effects(for: .marketo) {
            if case .missingField(let name) = effect { formFields.remove(name) }
        }
        switch prepare(fields, allowed: formFields) {
        case .rejected(let reason):
            return Self.success([["status": "skipped", "reasons": [reason]]])
        case .accepted(let prepared):
            // Both allowed, so the store always answers with an outcome.
            guard
                let outcome = try await store.upsertMarketoLead(
                    email: prepared.email, fields: prepared.fields, allowCreate: true, allowUpdate: true)
            else {
                return Self.failure("611", "System error")
            }
            return Self.success([["id": SandboxJSON(outcome.id), "status": outcome.created ? "created" : "updated"]])
        }
    }

    /// Get Leads by filter type: email only (the sandbox's searchable field). `params` are the
    /// query parameters, or the form fields of a `_method=GET` post.
    func read(_ params: [String: String]) async throws -> SandboxResponse {
        guard let filterType = params["filterType"] else { return Self.failure("1003", "filterType cannot be blank") }
        guard filterType == "email" else { return Self.failure("1003", "Invalid filterType '\(filterType)'") }
        guard let values = params["filterValues"]?.split(separator: ",").map(String.init), !values.isEmpty else {
            return Self.failure("1003", "filterValues cannot be blank")
        }
        guard values.count <= 300 else { return Self.failure("1003", "Too many filterValues") }
        let fields =
            params["fields"]?.split(separator: ",").map(String.init)
            ?? ["id", "email", "updatedAt", "createdAt", "firstName", "lastName"]
        if let unknown = fields.first(where: { !Self.knownFields.contains($0) }) {
            return Self.failure("1006", "Field '\(unknown)' not found")
        }
        let leads = try await store.marketoLeads(emails: values)
        guard leads.count <= 1000 else { return Self.failure("1003", "Too many results match the filter") }
        let result = leads.map { lead -> SandboxJSON in
            // `id` comes back with every listed lead whatever `fields` asks: marketorestpython's
            // users rely on it (docs/reference/marketo.md §3; [NOT FOUND] as a statement, inferred).
            var out: [String: SandboxJSON] = ["id": lead["id"] ?? .null]
            for field in fields { out[field] = lead[field] ?? .null }
            return .object(out)
        }
        return Self.success(result)
    }

    /// Delete Leads by id.
    func delete(_ request: SandboxRequest) async throws -> SandboxResponse {
        let object: [String: SandboxJSON]
        switch body(request) {
        case .accepted(let o): object = o
        case .rejected(let r): return r
        }
        guard let input = object["input"]?.array, !input.isEmpty, input.count <= 300 else {
            return Self.failure("701", "input cannot be blank")
        }
        var result: [SandboxJSON] = []
        for entry in input {
            guard let id = entry["id"]?.int64 else {
                result.append(["status": "skipped", "reasons": [["code": "1003", "message": "id required"]]])
                continue
            }
            result.append(
                try await store.deleteMarketoLead(id: id)
                    ? ["id": SandboxJSON(id), "status": "deleted"]
                    : [
                        "id": SandboxJSON(id), "status": "skipped",
                        "reasons": [["code": "1004", "message": "Lead not found"]],
                    ])
        }
        return Self.success(result)
    }
}
