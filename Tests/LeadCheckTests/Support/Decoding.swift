import Foundation

/// Independent decoders for the wire formats, so round-trip tests do not use the code they test.
enum Decoding {
    /// Parses a JSON object with Foundation.
    static func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        guard let object = value as? [String: Any] else { throw DecodingFailure("not a JSON object") }
        return object
    }

    /// Parses `application/x-www-form-urlencoded` into ordered pairs, the way a servlet does.
    static func form(_ body: String) throws -> [(String, String)] {
        try body.split(separator: "&", omittingEmptySubsequences: false).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { throw DecodingFailure("form part without '=': \(part)") }
            return (try decodeComponent(pieces[0]), try decodeComponent(pieces[1]))
        }
    }

    private static func decodeComponent(_ text: Substring) throws -> String {
        let plusDecoded = text.replacingOccurrences(of: "+", with: " ")
        guard let decoded = plusDecoded.removingPercentEncoding else {
            throw DecodingFailure("bad percent-encoding: \(text)")
        }
        return decoded
    }

    /// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records, newlines inside quotes).
    static func csv(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        scalars.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r" && scalars.first == "\n" {
                scalars.removeFirst()
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}

struct DecodingFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
