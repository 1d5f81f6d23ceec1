import Crypto
import Foundation
import LeadModel
import LeadTransport

/// Azure Table Shared Key signing, exactly as docs/reference/azure-table.md §5 gives it. Pure: the same
/// code signs leadcheck's requests and verifies them in the sandbox.
///
/// Table-service specifics: no canonicalized headers (unlike Blob/Queue); the date slot holds
/// `x-ms-date` when sent, else `Date`; the canonicalized resource is `/<account><raw path>` plus
/// `?comp=<value>` only when the query has `comp`. With path-style (emulator) URLs the path
/// already begins with the account, so it appears twice.
public struct SharedKeySigner: Sendable {
    /// The storage account name.
    public let account: String
    private let key: SymmetricKey

    /// Creates a signer from an account name and its base64 account key.
    public init(account: String, key: Secret) throws(LeadCheckError) {
        guard let bytes = Data(base64Encoded: key.reveal()), !bytes.isEmpty else {
            throw .invalidInput(location: key.source, reason: "the account key is not valid base64")
        }
        self.account = account
        self.key = SymmetricKey(data: bytes)
    }

    /// `/<account><path>[?comp=<v>]`, from the raw (still percent-encoded) path and query.
    public static func canonicalizedResource(account: String, path: String, query: String?) -> String {
        var resource = "/\(account)\(path)"
        if let query {
            for part in query.split(separator: "&") {
                let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if pieces.first?.lowercased() == "comp" {
                    resource += "?comp=" + (pieces.count > 1 ? String(pieces[1]) : "")
                    break
                }
            }
        }
        return resource
    }

    /// The string to sign.
    public static func stringToSign(
        scheme: SharedKeyScheme, method: String, contentMD5: String = "", contentType: String,
        date: String, canonicalizedResource: String
    ) -> String {
        switch scheme {
        case .sharedKey:
            return [method.uppercased(), contentMD5, contentType, date, canonicalizedResource].joined(separator: "\n")
        case .sharedKeyLite:
            return "\(date)\n\(canonicalizedResource)"
        }
    }

    /// Base64 HMAC-SHA256 of `stringToSign` under the account key.
    public func signature(_ stringToSign: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key)).base64EncodedString()
    }

    /// The `Authorization` header value for a request.
    public func authorization(
        scheme: SharedKeyScheme = .sharedKey, method: String, contentType: String, date: String,
        path: String, query: String?
    ) -> String {
        let resource = Self.canonicalizedResource(account: account, path: path, query: query)
        let toSign = Self.stringToSign(
            scheme: scheme, method: method, contentType: contentType, date: date, canonicalizedResource: resource)
        return "\(scheme.rawValue) \(account):\(signature(toSign))"
    }

    /// Whether a presented signature matches, compared in constant time.
    public func verify(signature presented: String, stringToSign: String) -> Bool {
        guard let presentedBytes = Data(base64Encoded: presented) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            presentedBytes, authenticating: Data(stringToSign.utf8), using: key)
    }
}
