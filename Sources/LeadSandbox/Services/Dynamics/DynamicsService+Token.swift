import Foundation
import HTTPTypes
import LeadModel

extension DynamicsService {
    /// Entra's error body: `{"error":…,"error_description":"AADSTS…: …","error_codes":[…],…}`.
    static func entraError(_ status: Int, error: String, code: Int, description: String) -> SandboxResponse {
        let traceID = UUID().uuidString.lowercased()
        let text =
            "AADSTS\(code): \(description) Trace ID: \(traceID) Correlation ID: \(UUID().uuidString.lowercased()) Timestamp: \(SandboxDate.iso8601())"
        let body = SandboxJSON.object([
            "error": .string(error), "error_description": .string(text), "error_codes": .array([.number(Double(code))]),
            "trace_id": .string(traceID),
        ])
        return SandboxResponse(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: Array(body.text.utf8))
    }

    /// The client-credentials grant (docs/reference/dynamics.md §3).
    func token(_ request: SandboxRequest, tenant: String) -> SandboxResponse {
        guard request.method == "POST" else {
            return Self.entraError(
                405, error: "invalid_request", code: 900_561, description: "The endpoint only accepts POST requests.")
        }
        guard tenant == credentials.tenantID else {
            return Self.entraError(
                400, error: "invalid_tenant", code: 90002,
                description:
                    "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."
            )
        }
        guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return Self.entraError(
                400, error: "invalid_request", code: 900_144,
                description: "The request body must contain the following parameter: 'grant_type'.")
        }
        let form = Dictionary(FormBody.parse(request.body), uniquingKeysWith: { first, _ in first })
        guard form["grant_type"] == "client_credentials" else {
            return Self.entraError(
                400, error: "unsupported_grant_type", code: 70003,
                description: "The app requested an unsupported grant type.")
        }
        let reader = form["client_id"] == credentials.readerClientID
        guard let clientID = form["client_id"], clientID == credentials.clientID || reader else {
            return Self.entraError(
                400, error: "unauthorized_client", code: 700_016,
                description:
                    "Application with identifier '\(form["client_id"] ?? "")' was not found in the directory '\(tenant)'."
            )
        }
        guard form["client_secret"] == (reader ? credentials.readerClientSecret : credentials.clientSecret) else {
            return Self.entraError(
                401, error: "invalid_client", code: 7_000_215,
                description:
                    """
                    Invalid client secret provided. Ensure the secret being sent in the request is the client\
                     secret value, not the client secret ID, for a secret added to app '\(clientID)'.
                    """
            )
        }
        if !reader,
            faults.has(
                .dynamics,
                {
                    if case .secretExpired = $0 { return true }
                    return false
                })
        {
            // docs/reference/dynamics.md §5: AADSTS7000222, 401 invalid_client.
            return Self.entraError(
                401, error: "invalid_client", code: 7_000_222,
                description:
                    """
                    The provided client secret keys for app '\(clientID)' are expired. Visit the Azure portal\
                     to create new keys for your app: https://aka.ms/NewClientSecret, or consider using\
                     certificate credentials for added security: https://aka.ms/certCreds.
                    """
            )
        }
        guard let scope = form["scope"], scope.hasSuffix("/.default") else {
            return Self.entraError(
                400, error: "invalid_scope", code: 1_002_012,
                description:
                    """
                    The provided value for scope \(form["scope"] ?? "") is not valid. Client credential flows\
                     must have a scope value with /.default suffixed to the resource identifier (application\
                     ID URI).
                    """
            )
        }
        guard scope.contains(request.authority) else {
            // docs/reference/dynamics.md §5: a wrong instance URL.
            return Self.entraError(
                400, error: "invalid_resource", code: 500_011,
                description:
                    """
                    The resource principal named \(scope.dropLast("/.default".count)) was not found in the\
                     tenant named \(tenant). This can happen if the application has not been installed by the\
                     administrator of the tenant or consented to by any user in the tenant.
                    """
            )
        }
        let token = tokens.issue(
            lifetime: Self.tokenLifetime,
            prefix: reader ? DynamicsCredentials.readerTokenPrefix : "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.")
        let body =
            #"{"token_type":"Bearer","expires_in":\#(Self.tokenLifetime),"ext_expires_in":\#(Self.tokenLifetime),"access_token":"\#(token)"}"#
        return SandboxResponse.json(200, body)
    }

    /// The OpenID configuration document msal reads before asking for a token.
    func openIDConfiguration(_ request: SandboxRequest, tenant: String) -> SandboxResponse {
        guard tenant == credentials.tenantID else {
            return Self.entraError(
                400, error: "invalid_tenant", code: 90002, description: "Tenant '\(tenant)' not found.")
        }
        let base = baseURL(request)
        let body = """
            {"token_endpoint":"\(base)/\(tenant)/oauth2/v2.0/token","authorization_endpoint":"\(base)/\(tenant)/oauth2/v2.0/authorize",\
            "issuer":"\(base)/\(tenant)/v2.0","jwks_uri":"\(base)/\(tenant)/discovery/v2.0/keys",\
            "token_endpoint_auth_methods_supported":["client_secret_post","client_secret_basic"],\
            "response_types_supported":["code","id_token","code id_token","id_token token"],"tenant_region_scope":"NA"}
            """
        return SandboxResponse.json(200, body)
    }

    /// Checks the bearer token; nil when the request may proceed.
    func authorize(_ request: SandboxRequest) -> SandboxResponse? {
        let challenge =
            "Bearer authorization_uri=\(baseURL(request))/\(credentials.tenantID)/oauth2/authorize, resource_id=\(baseURL(request))"
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            return Self.dataverseError(
                401, code: "0x80072184", message: "Authentication failed: no bearer token.",
                headers: [.wwwAuthenticate: challenge])
        }
        let token = String(header.dropFirst("Bearer ".count))
        if faults.consumeTokenExpired(.dynamics) { tokens.expire(token) }
        guard tokens.isValid(token) else {
            return Self.dataverseError(
                401, code: "0x80072182", message: "ExpiredAuthTicket: the bearer token is invalid or has expired.",
                headers: [.wwwAuthenticate: challenge])
        }
        return nil
    }
}
