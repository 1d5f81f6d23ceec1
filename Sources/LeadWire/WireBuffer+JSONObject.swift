import LeadModel

extension WireBuffer {
    /// Appends one `"key":"value"` member, preceded by a comma when `needsComma` is set (and
    /// sets it). An absent (`nil`) value is written as `absent` says, or not at all.
    ///
    /// Encoders call this member by member instead of passing arrays of pairs, so encoding a
    /// lead allocates nothing on the heap.
    @inline(__always)
    public func appendJSONMember(
        _ key: StaticString, _ value: String?, absent: AbsentFieldStyle = .omit, needsComma: inout Bool
    ) {
        if value == nil && absent == .omit { return }
        if needsComma { append(byte: UInt8(ascii: ",")) }
        needsComma = true
        appendJSONKey(key)
        if let value {
            appendJSONString(value)
        } else if absent == .null {
            append("null")
        } else {
            append("\"\"")
        }
    }

    /// Appends a member whose key is only known at run time (a configured field name).
    public func appendJSONMember(dynamicKey key: String, _ value: String, needsComma: inout Bool) {
        if needsComma { append(byte: UInt8(ascii: ",")) }
        needsComma = true
        appendJSONString(key)
        append(byte: UInt8(ascii: ":"))
        appendJSONString(value)
    }

    /// Appends the seven customer fields as a JSON object, in Microsoft's documented order,
    /// with the given key spelling.
    public func appendCustomerObject(_ customer: CustomerInfo, keys: CustomerKeys, absent: AbsentFieldStyle = .omit) {
        append(byte: UInt8(ascii: "{"))
        var comma = false
        appendJSONMember(keys.firstName, customer.firstName, absent: absent, needsComma: &comma)
        appendJSONMember(keys.lastName, customer.lastName, absent: absent, needsComma: &comma)
        appendJSONMember(keys.email, customer.email, absent: absent, needsComma: &comma)
        appendJSONMember(keys.phone, customer.phone, absent: absent, needsComma: &comma)
        appendJSONMember(keys.country, customer.country, absent: absent, needsComma: &comma)
        appendJSONMember(keys.company, customer.company, absent: absent, needsComma: &comma)
        appendJSONMember(keys.title, customer.title, absent: absent, needsComma: &comma)
        append(byte: UInt8(ascii: "}"))
    }
}
