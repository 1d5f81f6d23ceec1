import Foundation

extension Redactor {
    /// The secret parts of a URL — the values of SAS-style query parameters (`sig`, `code`, …)
    /// and the password of its user-info — as secrets attributed to `source`.
    public static func secrets(inURL url: String, source: String) -> [Secret] {
        var found: [Secret] = []
        if let components = URLComponents(string: url) {
            for item in components.queryItems ?? [] where secretParameters.contains(item.name.lowercased()) {
                if let value = item.value, !value.isEmpty {
                    found.append(Secret(value, source: source))
                    if let raw = components.percentEncodedQueryItems?.first(where: { $0.name == item.name })?.value,
                        raw != value
                    {
                        found.append(Secret(raw, source: source))
                    }
                }
            }
            if let password = components.password, !password.isEmpty { found.append(Secret(password, source: source)) }
        }
        return found
    }

    /// Whether a URL carries anything secret (SAS parameters or user-info); such URLs must come
    /// from the environment or a file, never from argv.
    public static func urlCarriesSecrets(_ url: String) -> Bool {
        guard let components = URLComponents(string: url) else { return false }
        if components.password != nil || components.user != nil { return true }
        return (components.queryItems ?? []).contains {
            ["sig", "code", "signature", "client_secret", "password", "access_token", "token"].contains(
                $0.name.lowercased())
        }
    }
}
