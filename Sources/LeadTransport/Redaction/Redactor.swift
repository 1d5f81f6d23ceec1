import Foundation
import LeadModel

/// The one place secrets are taken out of text. Every output path — terminal, `-v` traces,
/// `--curl`, reports, journals, error messages — passes its text through here.
///
/// It removes two kinds of things: the secret values the run holds (in their raw,
/// percent-encoded, form-encoded, JSON-escaped and base64 forms), and secret-shaped parts of
/// any text even when their value is not known: SAS query parameters (`sig`, `code`, `sv`, `sp`,
/// `se`, …), URL user-info, credential headers and token fields in JSON and form bodies.
public struct Redactor: Sendable {
    /// What replaces a secret.
    public static let mask = "[REDACTED]"
    /// Values shorter than this are not registered: masking every "a" would make output
    /// unreadable, and such values are not secrets worth the name.
    public static let minimumLength = 4

    /// Query and form parameters whose values are always masked (lowercased).
    public static let secretParameters: Set<String> = [
        "sig", "code", "sv", "sp", "se", "signature", "client_secret", "password", "access_token", "refresh_token",
        "id_token", "token", "apikey", "api_key", "key", "secret",
    ]

    private var values: [(form: String, source: String)] = []

    /// A redactor that knows no values yet (patterns still apply).
    public init() {}

    /// A redactor that knows these secrets.
    public init(secrets: [Secret]) {
        for secret in secrets { add(secret) }
    }

    /// Registers a secret in every form it may appear in.
    public mutating func add(_ secret: Secret) {
        let value = secret.reveal()
        guard value.count >= Self.minimumLength else { return }
        var forms: Set<String> = [value]
        if let percent = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.insert(percent) }
        if let query = value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) { forms.insert(query) }
        let form = WireBuffer(capacity: value.utf8.count * 3)
        form.appendFormEncoded(value)
        forms.insert(form.string)
        let json = WireBuffer(capacity: value.utf8.count + 8)
        json.appendJSONEscaped(value)
        forms.insert(json.string)
        let base64 = Data(value.utf8).base64EncodedString()
        forms.insert(base64)
        forms.insert(base64.trimmingCharacters(in: CharacterSet(charactersIn: "=")))
        for form in forms where form.count >= Self.minimumLength && !values.contains(where: { $0.form == form }) {
            values.append((form, secret.source))
        }
        // Longest first, so a value that contains another is masked whole.
        values.sort { $0.form.count > $1.form.count }
    }

    /// Whether any secret values are registered.
    public var knowsSecrets: Bool { !values.isEmpty }

    /// `text` with every known secret and secret-shaped part masked.
    public func redact(_ text: String) -> String {
        var out = text
        for (form, _) in values where out.contains(form) {
            out = out.replacingOccurrences(of: form, with: Self.mask)
        }
        return Self.redactPatterns(out)
    }

    /// A header value as it may be shown: credential-bearing headers keep only their scheme.
    public func redactHeader(name: String, value: String) -> String {
        if Self.isCredentialHeader(name) {
            let scheme = value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            let knownSchemes: Set = ["Bearer", "Basic", "SharedKey", "SharedKeyLite", "Digest", "OAuth"]
            if knownSchemes.contains(scheme), value.contains(" ") {
                return "\(scheme) \(Self.mask)"
            }
            return Self.mask
        }
        return redact(value)
    }

    /// Replaces known secrets with `"${SOURCE}"` shell references instead of a mask, for
    /// `--curl` export, and quotes the rest with `quote`; secret-shaped parts whose value is
    /// unknown are still masked.
    public func substituteReferences(_ text: String, quote: (String) -> String) -> String {
        var pieces: [(isSecret: Bool, text: String)] = [(false, text)]
        for (form, source) in values {
            pieces = pieces.flatMap { piece -> [(isSecret: Bool, text: String)] in
                guard !piece.isSecret, piece.text.contains(form) else { return [piece] }
                var parts: [(isSecret: Bool, text: String)] = []
                let split = piece.text.components(separatedBy: form)
                for (i, part) in split.enumerated() {
                    if i > 0 { parts.append((true, "\"${\(source)}\"")) }
                    parts.append((false, part))
                }
                return parts
            }
        }
        return pieces.map { $0.isSecret ? $0.text : quote(Self.redactPatterns($0.text)) }.joined()
    }

    /// Whether a header's value is a credential.
    public static func isCredentialHeader(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" || lower == "set-cookie" {
            return true
        }
        return ["secret", "token", "signature", "password", "api-key", "apikey", "sig"].contains { lower.contains($0) }
    }

    // MARK: Patterns

    nonisolated(unsafe) private static let queryParameter = try! Regex(
        #"""
        (?i)([?&;]|^|\s)(sig|code|sv|sp|se|signature|client_secret|password|access_token|refresh_token|\#
        id_token|token|apikey|api_key|key|secret)=([^&\s"'#<>]*)
        """#
    )
    nonisolated(unsafe) private static let userInfo = try! Regex(#"(?i)([a-z][a-z0-9+.-]*://)[^/\s@]+@"#)
    nonisolated(unsafe) private static let jsonField = try! Regex(
        #"(?i)("(?:access_token|refresh_token|id_token|client_secret|password|token|secret|sig|signature|apikey|api_key)"\s*:\s*")((?:[^"\\]|\\.)*)(")"#
    )
    nonisolated(unsafe) private static let bearer = try! Regex(#"(?i)\b(Bearer)\s+[A-Za-z0-9\-._~+/=!:%]+"#)
    nonisolated(unsafe) private static let sharedKey = try! Regex(
        #"\b(SharedKey(?:Lite)?)\s+([^:\s]+):[A-Za-z0-9+/=]+"#)
    nonisolated(unsafe) private static let headerLine = try! Regex(
        #"""
        (?im)^((?:[>< ]\s*)?(?:authorization|proxy-authorization|cookie|set-cookie|[a-z0-9-]*(?:secret|token|\#
        signature|password|api-key|apikey)[a-z0-9-]*)\s*:\s*)(\S.*)$
        """#
    )

    /// Masks only the secret-shaped parts of `text` (no known values): for echoing user input
    /// back in an error message.
    public static func redactPatternsOnly(_ text: String) -> String { redactPatterns(text) }

    static func redactPatterns(_ text: String) -> String {
        var out = text
        out = out.replacing(queryParameter) { match in
            let m = match.output
            return "\(m[1].substring ?? "")\(m[2].substring ?? "")=\(mask)"
        }
        out = out.replacing(userInfo) { match in "\(match.output[1].substring ?? "")\(mask)@" }
        out = out.replacing(jsonField) { match in
            "\(match.output[1].substring ?? "")\(mask)\(match.output[3].substring ?? "")"
        }
        out = out.replacing(sharedKey) { match in
            "\(match.output[1].substring ?? "") \(match.output[2].substring ?? ""):\(mask)"
        }
        out = out.replacing(bearer) { match in "\(match.output[1].substring ?? "") \(mask)" }
        out = out.replacing(headerLine) { match in
            let value = String(match.output[2].substring ?? "")
            let scheme = value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            let kept =
                ["Bearer", "Basic", "SharedKey", "SharedKeyLite"].contains(scheme) && value.contains(" ")
                ? "\(scheme) " : ""
            return "\(match.output[1].substring ?? "")\(kept)\(mask)"
        }
        return out
    }
}
