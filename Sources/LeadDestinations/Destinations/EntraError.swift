import Foundation
import LeadTransport

/// An Entra ID token-endpoint error (docs/reference/dynamics.md §5): `error`, `error_description` (with
/// `\r\nTrace ID:…` lines) and `error_codes`, the numbers to classify by — the description's text
/// changed between releases (`Invalid client secret is provided.` / `…provided.`).
struct EntraError: Decodable, Sendable {
    let error: String?
    let errorDescription: String?
    let errorCodes: [Int]?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
        case errorCodes = "error_codes"
    }

    /// The answer decoded, or an empty error when the body is not Entra's JSON.
    init(_ response: HTTPResponse) {
        self =
            (try? JSONDecoder().decode(Self.self, from: Data(response.body)))
            ?? Self(error: nil, errorDescription: response.text, errorCodes: nil)
    }

    private init(error: String?, errorDescription: String?, errorCodes: [Int]?) {
        self.error = error
        self.errorDescription = errorDescription
        self.errorCodes = errorCodes
    }

    /// The description's first line, without the trace lines.
    var summary: String {
        let first = (errorDescription ?? "").components(separatedBy: "\r\n").first ?? ""
        return String(first.components(separatedBy: " Trace ID:").first?.prefix(300) ?? "")
    }

    /// Whether the answer carries this AADSTS number: in `error_codes`, or (a body without
    /// them) in the description's `AADSTS<n>:` prefix.
    func has(_ code: Int) -> Bool {
        if let errorCodes { return errorCodes.contains(code) }
        return (errorDescription ?? "").contains("AADSTS\(code):")
    }
}
