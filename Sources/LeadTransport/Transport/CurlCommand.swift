import Foundation

/// Renders a request as an equivalent `curl` command line (`--curl`), with every known secret
/// replaced by a reference to the environment variable it came from (`"${LEADCHECK_SEND_URL}"`),
/// so the command can be pasted into a shell that has the same environment, and shown anywhere.
public enum CurlCommand {
    /// The command, one option per line, for a POSIX shell.
    public static func render(_ request: HTTPRequest, redactor: Redactor) -> String {
        func arg(_ text: String) -> String { redactor.substituteReferences(text, quote: shellQuote) }
        var lines = ["curl -sS -X \(request.method.uppercased()) \(arg(request.url))"]
        var headers = request.headers
        let encoded = request.body.encoded
        if let encoded, headers["Content-Type"] == nil { headers.add("Content-Type", encoded.contentType) }
        for field in headers where !field.value.isEmpty {
            lines.append("-H \(arg("\(field.name): \(field.value)"))")
        }
        if let encoded {
            lines.append("--data-binary \(arg(String(decoding: encoded.bytes, as: UTF8.self)))")
        }
        return lines.joined(separator: " \\\n  ")
    }

    /// Single-quotes text for a POSIX shell (`'` becomes `'\''`); empty text becomes `''`.
    public static func shellQuote(_ text: String) -> String {
        if text.isEmpty { return "" }
        let safe = text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_./:=@%+,".unicodeScalars.contains(scalar))
        }
        return safe ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
