import Foundation
import LeadCheck

/// The Azure Table REST API, path-style like Azurite (`/<account>/<resource>`), but as strict as
/// the real service: Shared Key and Shared Key Lite verified exactly as the reference notes
/// give them (§2.5), requests dated more than 15 minutes from the service clock rejected, key
/// characters and property/entity sizes enforced (§2.6–2.7), and every error in the real
/// `odata.error` envelope with `x-ms-error-code`.
public struct AzureTableService: SandboxService {
    let store: SandboxStore
    let faults: FaultSet
    let signers: [String: SharedKeySigner]

    /// Azurite's well-known development account (reference notes §2.6).
    public static let developmentAccount = "devstoreaccount1"
    /// Azurite's well-known development key; public, not a secret.
    public static let developmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    /// The skew the service tolerates between the request's date and its own clock.
    public static let allowedSkewSeconds: Int64 = 15 * 60

    /// Creates the service for these `name → key` accounts.
    public init(store: SandboxStore, faults: FaultSet, accounts: [String: String]) throws {
        self.store = store
        self.faults = faults
        var signers: [String: SharedKeySigner] = [:]
        for (name, key) in accounts { signers[name] = try SharedKeySigner(account: name, key: Secret(key, source: "account \(name)")) }
        self.signers = signers
    }

    /// This is the Azure Table destination.
    public var kind: FaultTarget { .azureTable }
    /// Requests over 4 MiB get `RequestBodyTooLarge` (Azurite's constant, matching the service).
    public var maxBodyBytes: Int { 4 << 20 }

    // MARK: Errors

    static func error(_ status: Int, _ code: String, _ message: String) -> SandboxResponse {
        let requestID = UUID().uuidString.lowercased()
        let time = ISO8601DateFormatter().string(from: Date())
        let value = "\(message)\nRequestId:\(requestID)\nTime:\(time)"
        let buffer = WireBuffer(capacity: 256)
        buffer.append("{\"odata.error\":{\"code\":")
        buffer.appendJSONString(code)
        buffer.append(",\"message\":{\"lang\":\"en-US\",\"value\":")
        buffer.appendJSONString(value)
        buffer.append("}}}")
        return SandboxResponse(status: status, headers: [
            ("Content-Type", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8"),
            ("x-ms-error-code", code), ("x-ms-request-id", requestID), ("x-ms-version", "2019-02-02"),
        ], body: buffer.bytes)
    }

    static func authenticationFailed(_ detail: String) -> SandboxResponse {
        error(403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nAuthenticationErrorDetail:\(detail)")
    }

    /// The service's error for a forced status.
    public func forcedError(status: Int) -> SandboxResponse {
        switch status {
        case 503: Self.error(503, "ServerBusy", "The server is currently unable to receive requests. Please retry your request.")
        case 500...: Self.error(status, "InternalError", "The server encountered an internal error. Please retry the request.")
        case 403: Self.authenticationFailed("forced by the sandbox")
        case 404: Self.error(404, "ResourceNotFound", "The specified resource does not exist.")
        default: Self.error(status, "InvalidInput", "An error occurred while processing this request.")
        }
    }

    /// Storage throttling is a 503 ServerBusy.
    public func throttled() -> SandboxResponse {
        var response = Self.error(503, "ServerBusy", "The server is busy.")
        response.headers.append(("Retry-After", "1"))
        return response
    }

    /// Body over 4 MiB.
    public func bodyTooLarge() -> SandboxResponse {
        Self.error(413, "RequestBodyTooLarge", "The request body is too large and exceeds the maximum permissible limit.")
    }

    // MARK: Request handling

    /// Authenticates and dispatches one request.
    public func handle(_ request: SandboxRequest) async -> SandboxResponse {
        let segments = request.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard let accountSegment = segments.first else {
            return Self.error(400, "InvalidUri", "The requested URI does not represent any resource on the server.")
        }
        let account = String(accountSegment)
        guard let signer = signers[account] else {
            return Self.error(400, "InvalidOperation", "The storage account '\(account)' does not exist in this sandbox.")
        }
        if let failure = authenticate(request, account: account, signer: signer) { return failure }
        let resource = segments.count > 1 ? String(segments[1]) : ""
        do {
            return try await route(request, account: account, resource: resource)
        } catch {
            return Self.error(500, "InternalError", "The sandbox failed: \(error)")
        }
    }

    /// Verifies the date and the Shared Key signature; nil when the request may proceed.
    func authenticate(_ request: SandboxRequest, account: String, signer: SharedKeySigner) -> SandboxResponse? {
        guard let authorization = request.header("Authorization") else {
            return Self.authenticationFailed("The Authorization header is missing.")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let scheme = SharedKeyScheme(rawValue: String(parts[0])) else {
            return Self.authenticationFailed("The authorization scheme must be SharedKey or SharedKeyLite.")
        }
        let credential = parts[1].split(separator: ":", maxSplits: 1)
        guard credential.count == 2 else { return Self.authenticationFailed("The Authorization header is not AccountName:Signature.") }
        guard credential[0] == account else {
            return Self.authenticationFailed("The account in the Authorization header does not match the account of the request.")
        }
        // x-ms-date takes precedence over Date when both are present (authorize-with-shared-key).
        guard let date = request.header("x-ms-date") ?? request.header("Date") else {
            return Self.authenticationFailed("Request must contain a Date or x-ms-date header.")
        }
        guard let instant = LeadTimestamp(rfc1123: date) else {
            return Self.authenticationFailed("The Date header '\(date)' is not in RFC 1123 format.")
        }
        let skew: Int64 = faults.has(.azureTable, { if case .clockSkew = $0 { return true }; return false }) ? 3600 : 0
        let now = Int64(Date().timeIntervalSince1970) + skew
        if abs(now - instant.secondsSinceEpoch) > Self.allowedSkewSeconds {
            return Self.authenticationFailed("Request date header too old or too far in the future: '\(date)'; the server time is \(LeadTimestamp(secondsSinceEpoch: now).rfc1123).")
        }
        let resource = SharedKeySigner.canonicalizedResource(account: account, path: request.path, query: request.query)
        let toSign = SharedKeySigner.stringToSign(
            scheme: scheme, method: request.method, contentMD5: request.header("Content-MD5") ?? "",
            contentType: request.header("Content-Type") ?? "", date: date, canonicalizedResource: resource
        )
        guard signer.verify(signature: String(credential[1]), stringToSign: toSign) else {
            let shown = toSign.replacingOccurrences(of: "\n", with: "\\n")
            return Self.authenticationFailed("The MAC signature found in the HTTP request is not the same as any computed signature. Server used following string to sign: '\(shown)'.")
        }
        return nil
    }
}
