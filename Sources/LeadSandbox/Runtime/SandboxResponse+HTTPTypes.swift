import HTTPTypes

extension SandboxResponse {
    /// The headers as HTTPTypes fields; names HTTPTypes rejects are left out.
    var httpFields: HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return fields
    }
}
