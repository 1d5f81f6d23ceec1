import Foundation
import HTTPTypes
import LeadModel

/// Entra ID's client-credentials token endpoint and a Dataverse Web API `leads` entity set
/// (docs/reference/dynamics.md §3–4), on one port: `/<tenant>/oauth2/v2.0/token` and `/api/data/v9.2/…`;
/// with them the HTTPS sink's flow runs, as Azure Resource Manager (`/subscriptions/…/runs`) and
/// Dataverse's `flowruns` serve them (docs/reference/flows.md §5).
///
/// Tokens are opaque random strings the service remembers with their expiry; the instance URL
/// (the token's audience) is the service's own base URL. Lead attributes and their lengths are
/// dynamics.md's (docs/reference/dynamics.md §2); errors use Entra's `AADSTS…` bodies and Dataverse's `{"error":{…}}`.
public struct DynamicsService: SandboxService {
    let store: SandboxStore
    let faults: FaultSet
    let credentials: DynamicsCredentials
    let tokens = TokenBook()
    /// The HTTPS sink's flow runs, served here as Azure Resource Manager and Dataverse serve them.
    let flows: FlowRunBook

    /// Token lifetime, as Entra issues them (3599 s).
    static let tokenLifetime = 3599

    /// lead.md's string attributes and their MaxLength; other writable attributes are typed below.
    static let stringAttributes: [String: Int] = [
        "firstname": 50, "lastname": 50, "emailaddress1": 100, "telephone1": 50, "companyname": 100, "jobtitle": 100,
        "address1_country": 80, "description": 2000, "subject": 300,
    ]

    /// Creates the service.
    public init(
        store: SandboxStore, faults: FaultSet, credentials: DynamicsCredentials = .sandbox,
        flows: FlowRunBook = FlowRunBook()
    ) {
        self.flows = flows
        self.store = store
        self.faults = faults
        self.credentials = credentials
    }

    /// This is the Dynamics destination.
    public var kind: FaultTarget { .dynamics }
    /// Dataverse's request limit is far larger; 1 MiB bounds the sandbox.
    public var maxBodyBytes: Int { 1 << 20 }

    /// Dataverse's error envelope; with `messageName` (when the request asked for
    /// `Prefer: odata.include-annotations="*"`) also the `ApiExceptionMessageName` and status
    /// annotations the docs show (compose-http-requests-handle-errors).
    static func dataverseError(
        _ status: Int, code: String, message: String, headers: HTTPFields = [:], messageName: String? = nil
    ) -> SandboxResponse {
        var error: [String: SandboxJSON] = ["code": .string(code), "message": .string(message)]
        if let messageName {
            error["@Microsoft.PowerApps.CDS.ErrorDetails.ApiExceptionMessageName"] = .string(messageName)
            error["@Microsoft.PowerApps.CDS.ErrorDetails.ApiExceptionHttpStatusCode"] = .string("\(status)")
        }
        return SandboxResponse(
            status: status,
            headers: [.contentType: "application/json; odata.metadata=minimal", .odataVersion: "4.0"] + headers,
            body: Array(SandboxJSON.object(["error": .object(error)]).text.utf8))
    }

    /// A forced Dataverse error.
    public func forcedError(status: Int) -> SandboxResponse {
        Self.dataverseError(
            status, code: status >= 500 ? "0x80040216" : "0x80040203",
            message: "The sandbox was told to answer \(status).")
    }

    /// Dataverse service protection: 429 with Retry-After (docs/reference/dynamics.md §5).
    public func throttled() -> SandboxResponse {
        Self.dataverseError(
            429, code: "0x80072322",
            message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
            headers: [.retryAfter: "2"])
    }

    /// Body over the limit.
    public func bodyTooLarge() -> SandboxResponse {
        Self.dataverseError(413, code: "0x8004431A", message: "The request body is too large.")
    }

    /// Entra ID's token and discovery endpoints (the token endpoint judges the method itself, as
    /// Entra answers a GET with its own error) and the Web API under `/api/data/<version>/`.
    public var routes: [SandboxRoute] {
        SandboxRoute.each([.get, .post], "/{tenant}/oauth2/v2.0/token") {
            token($0, tenant: $0.parameters["tenant"] ?? "")
        }
            + [
                SandboxRoute(.get, "/{tenant}/v2.0/.well-known/openid-configuration") {
                    openIDConfiguration($0, tenant: $0.parameters["tenant"] ?? "")
                }
            ]
            + SandboxRoute.each([.get, .post, .patch, .put, .delete], "/api/data/{version}/**") {
                await webAPIRequest($0)
            }
            + runRoutes
    }

    /// Dataverse's answer to a URL it has no resource for.
    public func unrouted(_ request: SandboxRequest) async -> SandboxResponse {
        Self.dataverseError(
            404, code: "0x80060888", message: "No HTTP resource was found that matches the request URI.")
    }

    /// A Web API call: a version Dataverse serves, a valid bearer token, then the resource.
    func webAPIRequest(_ request: SandboxRequest) async -> SandboxResponse {
        let version = request.parameters["version"] ?? ""
        guard version == "v9.2" || version == "v9.0" || version == "v9.1" else {
            return Self.dataverseError(
                404, code: "0x80060888", message: "Resource not found for the segment '\(version)'.")
        }
        if let failure = authorize(request) { return failure }
        do {
            return try await webAPI(
                request, resource: request.path.split(separator: "/").dropFirst(3).joined(separator: "/"))
        } catch {
            return Self.dataverseError(500, code: "0x80040216", message: "The sandbox failed: \(error)")
        }
    }

    func baseURL(_ request: SandboxRequest) -> String { request.baseURL }
}
