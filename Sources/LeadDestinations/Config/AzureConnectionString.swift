import LeadModel
import LeadTransport

/// An Azure Storage connection string (docs/reference/azure-table.md §3): `AccountName`, `AccountKey`,
/// `DefaultEndpointsProtocol`, `EndpointSuffix` or an explicit `TableEndpoint`, or
/// `UseDevelopmentStorage=true` (Azurite's well-known account).
public struct AzureConnectionString: Sendable {
    /// The account name.
    public let account: String
    /// The account key.
    public let key: Secret
    /// The table service base URL, without a trailing slash (path-style ones end in the account).
    public let tableEndpoint: String

    /// Azurite's development account, public and well known (docs/reference/azure-table.md §6).
    public static let developmentAccount = "devstoreaccount1"
    /// Azurite's development key: public, but still kept out of output like any key.
    public static var developmentKeyValue: String { developmentKey }
    static let developmentKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

    /// Parses a connection string; errors say which part is wrong, never the key.
    public init(parsing secret: Secret) throws(LeadCheckError) {
        var parts: [String: String] = [:]
        for piece in secret.reveal().split(separator: ";", omittingEmptySubsequences: true) {
            let pair = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[0].isEmpty else {
                throw .invalidInput(
                    location: secret.source, reason: "the connection string has a part that is not Name=Value")
            }
            parts[String(pair[0]).trimmingCharacters(in: .whitespaces).lowercased()] = String(pair[1])
                .trimmingCharacters(in: .whitespaces)
        }
        if parts["usedevelopmentstorage"]?.lowercased() == "true" {
            account = Self.developmentAccount
            key = Secret(Self.developmentKey, source: "UseDevelopmentStorage")
            tableEndpoint = "http://127.0.0.1:10002/\(Self.developmentAccount)"
            return
        }
        guard let account = parts["accountname"], !account.isEmpty else {
            throw .invalidInput(location: secret.source, reason: "the connection string has no AccountName")
        }
        guard let keyText = parts["accountkey"], !keyText.isEmpty else {
            throw .invalidInput(location: secret.source, reason: "the connection string has no AccountKey")
        }
        guard keyText.count % 4 == 0, keyText.allSatisfy({ $0.isLetter || $0.isNumber || "+/=".contains($0) }) else {
            throw .invalidInput(
                location: secret.source, reason: "the AccountKey in the connection string is not base64")
        }
        self.account = account
        key = Secret(keyText, source: secret.source)
        if let endpoint = parts["tableendpoint"], !endpoint.isEmpty {
            guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
                throw .invalidInput(location: secret.source, reason: "TableEndpoint must be an http(s) URL")
            }
            tableEndpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        } else {
            let scheme = parts["defaultendpointsprotocol"] ?? "https"
            guard scheme == "https" || scheme == "http" else {
                throw .invalidInput(location: secret.source, reason: "DefaultEndpointsProtocol must be https or http")
            }
            tableEndpoint = "\(scheme)://\(account).table.\(parts["endpointsuffix"] ?? "core.windows.net")"
        }
    }
}
