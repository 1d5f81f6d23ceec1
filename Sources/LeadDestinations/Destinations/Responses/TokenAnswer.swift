import LeadModel

/// A client-credentials token answer: Entra ID's `{"token_type":"Bearer","expires_in":3599,
/// "access_token":"…"}` (docs/reference/dynamics.md §3), Marketo's identity service (docs/reference/marketo.md §3,
/// the same keys), Salesforce's `{"access_token","instance_url",…}` without a lifetime
/// (docs/reference/salesforce.md §4); the error members of the failures share the names.
struct TokenAnswer: Decodable, Sendable {
    let accessToken: String?
    let expiresIn: JSONValue?
    let instanceURL: String?
    let error: String?
    let errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case instanceURL = "instance_url"
        case error
        case errorDescription = "error_description"
    }

    /// The token's lifetime in seconds: a number, or a numeric string (Entra's v1 endpoint
    /// wrote `"3599"`; inferred to be worth accepting), else `fallback`.
    func lifetime(fallback: Int) -> Int {
        switch expiresIn {
        case .number(let seconds)?: return Int(seconds)
        case .string(let text)?: return Int(text) ?? fallback
        default: return fallback
        }
    }

    /// The token, when the answer carries a non-empty one.
    var token: String? { accessToken.flatMap { $0.isEmpty ? nil : $0 } }
}
