/// The `-v` view of an exchange: request line and headers, response status and headers, one
/// per line with curl's `>`/`<` markers. Everything passes through the redactor; bodies are not
/// shown.
public enum HTTPTrace {
    /// The request half.
    public static func request(_ request: HTTPRequest, redactor: Redactor) -> [String] {
        var lines = ["> \(request.method) \(redactor.redact(request.url))"]
        var headers = request.headers
        if let encoded = request.body.encoded {
            if headers["Content-Type"] == nil { headers.add("Content-Type", encoded.contentType) }
            headers.add("Content-Length", String(encoded.bytes.count))
        }
        for field in headers where !(field.name.lowercased() == "expect" && field.value.isEmpty) {
            lines.append("> \(field.name): \(redactor.redactHeader(name: field.name, value: field.value))")
        }
        return lines
    }

    /// The response half.
    public static func response(_ response: HTTPResponse, redactor: Redactor) -> [String] {
        let millis = Double(response.timings.total) / 1000
        var lines = [
            "< \(response.httpVersion ?? "HTTP") \(response.status) (\(formatMilliseconds(millis)), \(response.remoteAddress ?? "?"))"
        ]
        for field in response.headers {
            lines.append("< \(field.name): \(redactor.redactHeader(name: field.name, value: field.value))")
        }
        return lines
    }

    /// A transport failure.
    public static func failure(_ error: TransportError) -> [String] {
        ["! \(error.code.rawValue): \(error.message)"]
    }

    static func formatMilliseconds(_ value: Double) -> String {
        value < 10 ? "\((value * 100).rounded() / 100) ms" : "\(Int(value.rounded())) ms"
    }
}
