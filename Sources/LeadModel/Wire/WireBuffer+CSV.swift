extension WireBuffer {
    /// Appends one RFC 4180 field: quoted (with `"` doubled) when it holds a comma, quote, CR
    /// or LF, verbatim otherwise.
    ///
    /// Values are never altered: a hostile `=cmd` stays as it is, because the CSV is fixture data
    /// for testing other people's CSV handling. Do not open it in a spreadsheet.
    public func appendCSVField(_ text: String) {
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
        guard needsQuotes else { return append(text) }
        append(byte: UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { append(byte: byte) }
            append(byte: byte)
        }
        append(byte: UInt8(ascii: "\""))
    }
}
