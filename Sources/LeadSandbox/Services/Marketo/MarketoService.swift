import Foundation
import HTTPTypes
import LeadModel

/// Marketo's identity service and REST lead API (docs/reference/marketo.md §2): `/identity/oauth/token`,
/// `/rest/v1/leads.json` (sync and read by filter), `/rest/v1/leads/submitForm.json` and
/// `/rest/v1/leads/delete.json`.
///
/// As in Marketo, errors come back as HTTP 200 with `success:false` and quoted numeric codes;
/// record-level problems are `status:"skipped"` with `reasons`. 100 calls per 20 s and 10
/// concurrent calls are enforced (606, 615). The token is taken from `Authorization: Bearer` or,
/// as marketorestpython still sends it, the `access_token` parameter: Adobe announced that
/// parameter's removal, but localized copies of the page give other dates (docs/reference/marketo.md §2), so the sandbox keeps it
/// [INF]. `POST … _method=GET` with a form body is read as a GET, Marketo's documented way
/// around long URIs.
public struct MarketoService: SandboxService {
    let store: SandboxStore
    let faults: FaultSet
    let credentials: MarketoCredentials
    let tokens = TokenBook()
    let limiter = RateLimiter()

    /// Marketo's default string length [INF] (docs/reference/lead.md §3).
    static let fieldLength = 255
    /// The lead fields the instance has (REST names); reading others is error 1006.
    static let knownFields: Set<String> = [
        "id", "email", "firstName", "lastName", "phone", "country", "company", "title", "leadSource",
        "createdAt", "updatedAt", "SourceSystemName", "description",
    ]

    /// Creates the service.
    public init(store: SandboxStore, faults: FaultSet, credentials: MarketoCredentials = .sandbox) {
        self.store = store
        self.faults = faults
        self.credentials = credentials
    }

    /// This is the Marketo destination.
    public var kind: FaultTarget { .marketo }
    /// Marketo's body limit is 1 MB (HTTP 413 above it).
    public var maxBodyBytes: Int { 1_000_000 }

    static func requestID() -> String {
        "\(Int.random(in: 1000...99999))#\(String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 16))"
    }

    /// `{"requestId":…,"success":false,"errors":[{"code":"601","message":…}]}` with HTTP 200.
    static func failure(_ code: String, _ message: String) -> SandboxResponse {
        let body = SandboxJSON.object([
            "requestId": .string(requestID()), "success": .bool(false),
            "errors": .array([.object(["code": .string(code), "message": .string(message)])]),
        ])
        return SandboxResponse(
            status: 200, headers: [.contentType: "application/json;charset=UTF-8"], body: Array(body.text.utf8))
    }

    static func success(_ result: [SandboxJSON]) -> SandboxResponse {
        let object: SandboxJSON = ["requestId": .string(requestID()), "success": true, "result": .array(result)]
        return SandboxResponse(
            status: 200, headers: [.contentType: "application/json;charset=UTF-8"], body: object.bytes)
    }

    /// A forced status: Marketo answers real HTTP errors only for transport-level problems.
    public func forcedError(status: Int) -> SandboxResponse {
        status >= 500
            ? SandboxResponse(
                status: status, headers: [.contentType: "text/html"],
                body: Array("<html><body>\(status)</body></html>".utf8))
            : Self.failure("611", "System error")
    }

    /// 606 as HTTP 200.
    public func throttled() -> SandboxResponse {
        Self.failure("606", "Max rate limit '100' exceeded with in '20' secs")
    }

    /// 413, one of Marketo's few HTTP-level errors.
    public func bodyTooLarge() -> SandboxResponse {
        SandboxResponse(
            status: 413, headers: [.contentType: "text/html"],
            body: Array("<html><body>Request Entity Too Large</body></html>".utf8))
    }

    /// The identity service (GET or POST, authentication.md) and the REST API under `/rest/`,
    /// every method, so a verb Marketo does not take on a resource gets its 605 after the token check.
    public var routes: [SandboxRoute] {
        SandboxRoute.each([.get, .post], "/identity/oauth/token") { token($0) }
            + SandboxRoute.each([.get, .post, .put, .patch, .delete], "/rest/**") { await rest($0) }
    }

    /// Marketo's answer to a URL it has no resource for.
    public func unrouted(_ request: SandboxRequest) async -> SandboxResponse {
        Self.failure("610", "Requested resource not found")
    }

    /// A REST call: the URI limit, the rate limits, the token, then the resource.
    func rest(_ request: SandboxRequest) async -> SandboxResponse {
        // docs/reference/marketo.md: URIs over 8 KB answer 414 (the workaround is POST + _method=GET).
        if request.path.utf8.count + (request.query?.utf8.count ?? 0) + 1 > 8192 {
            return SandboxResponse(
                status: 414, headers: [.contentType: "text/html"],
                body: Array("<html><body>Request-URI Too Long</body></html>".utf8))
        }
        if let limit = limiter.admit() {
            return limit == "606" ? throttled() : Self.failure("615", "Concurrent access limit reached")
        }
        defer { limiter.finish() }
        let isForm = (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded")
        // Repeated parameters (`fields=id&fields=email`, as requests encodes a list) are joined
        // with commas, which is how Marketo reads list parameters.
        var params = Dictionary(request.queryItems(plusAsSpace: true), uniquingKeysWith: { "\($0),\($1)" })
        if isForm {
            for (key, value) in Dictionary(FormBody.parse(request.body), uniquingKeysWith: { "\($0),\($1)" })
            where params[key] == nil { params[key] = value }
        }
        let bearer = request.headers[.authorization].flatMap {
            $0.lowercased().hasPrefix("bearer ") ? String($0.dropFirst(7)) : nil
        }
        guard let token = bearer ?? params["access_token"], !token.isEmpty else {
            return Self.failure("601", "Access token invalid")
        }
        if faults.consumeTokenExpired(.marketo) { tokens.expire(token) }
        guard tokens.isValid(token) else { return Self.failure("602", "Access token expired") }
        do {
            let method = params["_method"]?.uppercased() ?? request.method
            switch (method, request.path) {
            case ("POST", "/rest/v1/leads.json"): return try await sync(request)
            case ("GET", "/rest/v1/leads.json"): return try await read(params)
            case ("POST", "/rest/v1/leads/submitForm.json"): return try await submitForm(request)
            case ("POST", "/rest/v1/leads/delete.json"), ("DELETE", "/rest/v1/leads.json"):
                return try await delete(request)
            case (_, "/rest/v1/leads.json"), (_, "/rest/v1/leads/submitForm.json"), (_, "/rest/v1/leads/delete.json"):
                return Self.failure("605", "HTTP Method not supported")
            default: return Self.failure("610", "Requested resource not found")
            }
        } catch {
            return Self.failure("611", "System error")
        }
    }

    /// The identity endpoint: GET or POST with client credentials in the query or a form body.
    func token(_ request: SandboxRequest) -> SandboxResponse {
        var params = Dictionary(request.queryItems(plusAsSpace: true), uniquingKeysWith: { first, _ in first })
        for (key, value) in FormBody.parse(request.body) where params[key] == nil { params[key] = value }
        guard params["grant_type"] == "client_credentials" else {
            return .json(400, #"{"error":"unsupported_grant_type","error_description":"Unsupported grant type"}"#)
        }
        guard params["client_id"] == credentials.clientID, params["client_secret"] == credentials.clientSecret else {
            return .json(401, #"{"error":"invalid_client","error_description":"Bad client credentials"}"#)
        }
        let token = "\(UUID().uuidString.lowercased()):ab"
        tokens.register(token, lifetime: 3600)
        return .json(
            200, #"{"access_token":"\#(token)","token_type":"bearer","expires_in":3599,"scope":"apis@sandbox.example"}"#
        )
    }
}
