import Foundation
import HTTPTypes
import LeadModel

/// The Azure Table REST API, path-style like Azurite (`/<account>/<resource>`), but as strict as
/// the real service: Shared Key and Shared Key Lite verified exactly as docs/reference/azure-table.md
/// gives them (§5), requests dated more than 15 minutes from the service clock rejected, key
/// characters and property/entity sizes enforced (§6–7), and every error in the real
/// `odata.error` envelope — with no `x-ms-error-code` header, which the real service's JSON
/// errors do not carry (docs/reference/azure-table.md §8; Azurite adds one, the service does not).
public struct AzureTableService: SandboxService {
    let store: SandboxStore
    let faults: FaultSet
    let verifiers: [String: TableSharedKeyVerifier]

    /// Azurite's well-known development account (docs/reference/azure-table.md §6).
    public static let developmentAccount = "devstoreaccount1"
    /// Azurite's well-known development key; public, not a secret.
    public static let developmentKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    /// The skew the service tolerates between the request's date and its own clock.
    public static let allowedSkewSeconds: Int64 = 15 * 60

    /// Creates the service for these `name → key` accounts.
    public init(store: SandboxStore, faults: FaultSet, accounts: [String: String]) throws {
        self.store = store
        self.faults = faults
        var verifiers: [String: TableSharedKeyVerifier] = [:]
        for (name, key) in accounts {
            guard let verifier = TableSharedKeyVerifier(account: name, base64Key: key) else {
                throw LeadCheckError.invalidInput(
                    location: "account \(name)", reason: "the account key is not valid base64")
            }
            verifiers[name] = verifier
        }
        self.verifiers = verifiers
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
        let body = SandboxJSON.object([
            "odata.error": .object([
                "code": .string(code), "message": .object(["lang": .string("en-US"), "value": .string(value)]),
            ])
        ])
        return SandboxResponse(
            status: status,
            headers: [
                .contentType: "application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
                .msRequestID: requestID, .msVersion: "2019-02-02",
            ], body: Array(body.text.utf8))
    }

    /// The real service's one answer to every authentication failure — a bad signature, a
    /// missing header, a date more than 15 minutes off alike: no detail in the JSON
    /// (docs/reference/azure-table.md §8, [REC] azure-sdk-for-python#26444). The
    /// call site's reason only documents the check; the service says nothing more.
    static func authenticationFailed(_: String) -> SandboxResponse {
        error(
            403, "AuthenticationFailed",
            "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature."
        )
    }

    /// The service's error for a forced status.
    public func forcedError(status: Int) -> SandboxResponse {
        switch status {
        case 503:
            Self.error(
                503, "ServerBusy", "The server is currently unable to receive requests. Please retry your request.")
        case 500...:
            Self.error(status, "InternalError", "The server encountered an internal error. Please retry the request.")
        case 403: Self.authenticationFailed("forced by the sandbox")
        case 404: Self.error(404, "ResourceNotFound", "The specified resource does not exist.")
        default: Self.error(status, "InvalidInput", "An error occurred while processing this request.")
        }
    }

    /// Storage throttling is a 503 ServerBusy.
    public func throttled() -> SandboxResponse {
        var response = Self.error(503, "ServerBusy", "The server is busy.")
        response.headers.append(HTTPField(name: .retryAfter, value: "1"))
        return response
    }

    /// Body over 4 MiB.
    public func bodyTooLarge() -> SandboxResponse {
        Self.error(
            413, "RequestBodyTooLarge", "The request body is too large and exceeds the maximum permissible limit.")
    }

    // MARK: Request handling

    /// `/<account>/<resource>`: the router finds the account's requests; the resource
    /// (`Tables('t')`, `t(PartitionKey='…',RowKey='…')`) is OData syntax the service parses itself.
    public var routes: [SandboxRoute] {
        SandboxRoute.each([.get, .post, .delete], "/{account}/{resource}") { await handle($0) }
    }

    /// Anything else still meets the account and its authentication first, as the real service
    /// checks them before the resource: a bad signature is a 403 whatever the verb.
    public func unrouted(_ request: SandboxRequest) async -> SandboxResponse { await handle(request) }

    /// Authenticates and dispatches one request.
    func handle(_ request: SandboxRequest) async -> SandboxResponse {
        let segments = request.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard let accountSegment = segments.first else {
            return Self.error(400, "InvalidUri", "The requested URI does not represent any resource on the server.")
        }
        let account = String(accountSegment)
        guard let verifier = verifiers[account] else {
            return Self.error(
                400, "InvalidOperation", "The storage account '\(account)' does not exist in this sandbox.")
        }
        let response: SandboxResponse
        if let failure = authenticate(request, account: account, verifier: verifier) {
            response = failure
        } else if let refusal = accountPolicy() {
            response = refusal
        } else {
            let resource = segments.count > 1 ? String(segments[1]) : ""
            do { response = try await route(request, account: account, resource: resource) } catch {
                response = Self.error(500, "InternalError", "The sandbox failed: \(error)")
            }
        }
        return response
    }

    /// How far the service's clock is ahead of this machine's: an hour under `clock-skew`.
    /// ``ServiceClockHandler`` writes it into every answer's `Date`.
    var clockOffset: Int64 {
        faults.has(
            .azureTable,
            {
                if case .clockSkew = $0 { return true }
                return false
            }) ? 3600 : 0
    }

    /// The service's clock.
    var serviceNow: Int64 { Int64(Date().timeIntervalSince1970) + clockOffset }

    /// The account-level refusals of the `firewall` and `shared-key-disabled` faults, which the
    /// real service gives a correctly signed request (docs/reference/azure-table.md §8).
    func accountPolicy() -> SandboxResponse? {
        for effect in faults.effects(for: .azureTable) {
            switch effect {
            // [REC] AzureStorageExplorer#8869.
            case .firewall:
                return Self.error(
                    403, "AuthorizationFailure", "This request is not authorized to perform this operation.")
            // [3P] azure-powershell#19208 (message), AzureStorageExplorer#8090 (code).
            case .sharedKeyDisabled:
                return Self.error(
                    403, "KeyBasedAuthenticationNotPermitted",
                    "Key based authentication is not permitted on this storage account.")
            default: continue
            }
        }
        return nil
    }

    /// Verifies the date and the Shared Key signature; nil when the request may proceed.
    func authenticate(_ request: SandboxRequest, account: String, verifier: TableSharedKeyVerifier) -> SandboxResponse?
    {
        guard let authorization = request.headers[.authorization] else {
            return Self.authenticationFailed("The Authorization header is missing.")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0] == "SharedKey" || parts[0] == "SharedKeyLite" else {
            return Self.authenticationFailed("The authorization scheme must be SharedKey or SharedKeyLite.")
        }
        let credential = parts[1].split(separator: ":", maxSplits: 1)
        guard credential.count == 2 else {
            return Self.authenticationFailed("The Authorization header is not AccountName:Signature.")
        }
        guard credential[0] == account else {
            return Self.authenticationFailed(
                "The account in the Authorization header does not match the account of the request.")
        }
        // x-ms-date takes precedence over Date when both are present (authorize-with-shared-key).
        guard let date = request.headers[.msDate] ?? request.headers[.date] else {
            return Self.authenticationFailed("Request must contain a Date or x-ms-date header.")
        }
        guard let instant = SandboxDate.seconds(rfc1123: date) else {
            return Self.authenticationFailed("The Date header '\(date)' is not in RFC 1123 format.")
        }
        if abs(serviceNow - instant) > Self.allowedSkewSeconds {
            return Self.authenticationFailed(
                "the request date '\(date)' is more than 15 minutes from the service clock")
        }
        let toSign = verifier.stringToSign(
            lite: parts[0] == "SharedKeyLite", method: request.method, headers: request.headers, path: request.path,
            query: request.query)
        guard verifier.isValid(signature: String(credential[1]), stringToSign: toSign) else {
            return Self.authenticationFailed("the signature does not match")
        }
        return nil
    }
}
