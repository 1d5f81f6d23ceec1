/// String literals for the query languages read-back uses, escaped so any value — O'Brien,
/// backslashes, quotes — is matched as text and can never change the query.
public enum QueryLiteral {
    /// An OData string literal (Dataverse `$filter`, Azure Table): single quotes, `'` doubled.
    public static func odata(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A SOQL string literal: single quotes; backslash, both quotes and the control characters
    /// escaped with a backslash (Salesforce SOQL reference, "Quoted String Escape Sequences").
    public static func soql(_ value: String) -> String {
        var out = "'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    /// A URL query component with everything but RFC 3986's unreserved characters
    /// percent-encoded (so `+`, `&`, `'`, `=` and spaces survive any server's parser).
    public static func urlComponent(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
