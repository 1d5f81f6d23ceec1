import Crypto
import Foundation
import HTTPTypes

/// Checks a Table request's Shared Key or Shared Key Lite signature with the sandbox's own
/// canonicalisation (docs/reference/azure-table.md §5, as Azurite's TableSharedKeyAuthenticator builds it),
/// never with the client's signer: a bug shared by both would otherwise pass on both sides.
struct TableSharedKeyVerifier: Sendable {
    let account: String
    private let key: SymmetricKey

    /// Nil when the key is not base64.
    init?(account: String, base64Key: String) {
        guard let bytes = Data(base64Encoded: base64Key), !bytes.isEmpty else { return nil }
        self.account = account
        key = SymmetricKey(data: bytes)
    }

    /// The string the service signs for a request: for `SharedKey`, the verb, Content-MD5,
    /// Content-Type and the date (`x-ms-date`, else `Date`) on their own lines, then the
    /// canonicalized resource; for `SharedKeyLite`, the date and the resource. The resource is
    /// `/<account>` + the raw request path (with path-style URLs the account appears twice) +
    /// `?comp=<value>` when the query has `comp`.
    func stringToSign(lite: Bool, method: String, headers: HTTPFields, path: String, query: String?) -> String {
        let date = headers[.msDate] ?? headers[.date] ?? ""
        var resource = "/" + account + path
        let comp = (query ?? "").split(separator: "&").first { $0.lowercased().hasPrefix("comp=") }
        if let comp { resource += "?comp=" + comp.dropFirst(5) }
        if lite { return date + "\n" + resource }
        return [method, headers[.contentMD5] ?? "", headers[.contentType] ?? "", date].map { $0 + "\n" }.joined()
            + resource
    }

    /// Whether `signature` (base64) is the HMAC-SHA256 of `stringToSign` under the account key.
    func isValid(signature: String, stringToSign: String) -> Bool {
        guard let presented = Data(base64Encoded: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: Data(stringToSign.utf8), using: key)
    }
}
