extension WireBuffer {
    /// Appends `{"key":"value",…}` for string fields in the given order, writing absent (`nil`)
    /// values as `absent` says. The one place every encoder's field objects come from.
    public mutating func appendJSONObject(_ fields: [(key: StaticString, value: String?)], absent: AbsentFieldStyle = .omit) {
        bytes.append(UInt8(ascii: "{"))
        appendJSONMembers(fields, absent: absent, leadingComma: false)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `"key":"value"` members without braces, each preceded by a comma except the first
    /// when `leadingComma` is false. Returns whether anything was written.
    @discardableResult
    public mutating func appendJSONMembers(_ fields: [(key: StaticString, value: String?)], absent: AbsentFieldStyle = .omit, leadingComma: Bool) -> Bool {
        var needsComma = leadingComma
        var wrote = false
        for field in fields {
            if field.value == nil && absent == .omit { continue }
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            needsComma = true
            wrote = true
            appendJSONKey(field.key)
            if let value = field.value {
                appendJSONString(value)
            } else if absent == .null {
                append("null")
            } else {
                append("\"\"")
            }
        }
        return wrote
    }
}
