import Foundation
import HTTPTypes
import LeadModel

/// Salesforce as Microsoft's connector and leadcheck meet it (docs/reference/salesforce.md): the
/// Web-to-Lead servlet, the OAuth client-credentials token endpoint, and the REST API's
/// `query` and `sobjects/Lead` resources.
///
/// The servlet always answers 200 with a small HTML page, whether or not it created a lead
/// (docs/reference/salesforce.md §2): a wrong `oid`, a value over its field's length, a `lead_source` outside a restricted
/// picklist or a request over the daily limit creates nothing, silently — `debug=1` puts the
/// reason in the page, as Salesforce's debug mode does. A missing LastName or Company is filled
/// with "[not provided]" (KB 000171026). Without `encoding=UTF-8` the body is read as
/// ISO-8859-1, as the servlet does.
public struct SalesforceService: SandboxService {
    let store: SandboxStore
    let faults: FaultSet
    let credentials: SalesforceCredentials
    let tokens = TokenBook()
    /// Web-to-Lead submissions today.
    let quota = DailyQuota()
    /// REST calls today, reported in `Sforce-Limit-Info`.
    let apiCalls = DailyQuota()

    /// Lead field lengths (docs/reference/salesforce.md §3); Title 128 is [INF]. LeadSource is an unrestricted
    /// picklist, whose values may be up to 255 characters [INF] (Microsoft's own values pass 40).
    static let fields: [(form: String, api: String, limit: Int)] = [
        ("first_name", "FirstName", 40), ("last_name", "LastName", 80), ("email", "Email", 80), ("phone", "Phone", 40),
        ("country", "Country", 80), ("company", "Company", 255), ("title", "Title", 128),
        ("description", "Description", 32_000),
        ("lead_source", "LeadSource", 255),
    ]
    /// The default LeadSource picklist values, used when the picklist is restricted.
    static let defaultLeadSources: Set<String> = [
        "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other",
    ]
    /// Web-to-Lead's documented daily limit.
    static let dailyLimit = 500
    /// The daily REST allocation `Sforce-Limit-Info` reports against.
    static let apiLimit = 15_000

    /// Creates the service.
    public init(store: SandboxStore, faults: FaultSet, credentials: SalesforceCredentials = .sandbox) {
        self.store = store
        self.faults = faults
        self.credentials = credentials
    }

    /// This is the Salesforce destination.
    public var kind: FaultTarget { .salesforce }
    /// Bounded; real form posts are small.
    public var maxBodyBytes: Int { 1 << 20 }

    /// REST's JSON-array error shape.
    static func restError(_ status: Int, code: String, message: String) -> SandboxResponse {
        let body = SandboxJSON.array([.object(["message": .string(message), "errorCode": .string(code)])])
        return SandboxResponse(
            status: status, headers: [.contentType: "application/json;charset=UTF-8"], body: Array(body.text.utf8))
    }

    /// A forced error in the REST shape.
    public func forcedError(status: Int) -> SandboxResponse {
        Self.restError(
            status, code: status >= 500 ? "UNKNOWN_EXCEPTION" : "INVALID_INPUT",
            message: "The sandbox was told to answer \(status).")
    }

    /// REST request limits.
    public func throttled() -> SandboxResponse {
        Self.restError(403, code: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded.")
    }

    /// Body over the limit.
    public func bodyTooLarge() -> SandboxResponse {
        Self.restError(413, code: "JSON_PARSER_ERROR", message: "The request body is too large.")
    }

    /// The Web-to-Lead servlet, the OAuth token endpoint (which judges the method itself) and
    /// the REST API under `/services/data/`.
    public var routes: [SandboxRoute] {
        SandboxRoute.each([.get, .post], "/servlet/servlet.WebToLead") { request in
            await guarded { try await webToLead(request) }
        }
            + SandboxRoute.each([.get, .post], "/services/oauth2/token") { token($0) }
            + SandboxRoute.each([.get, .post, .put, .patch, .delete], "/services/data/**") { request in
                await guarded { try await rest(request) }
            }
    }

    /// Salesforce's answer to a URL it has no resource for.
    public func unrouted(_ request: SandboxRequest) async -> SandboxResponse {
        Self.restError(404, code: "NOT_FOUND", message: "The requested resource does not exist")
    }

    /// A handler's answer, or Salesforce's 500 when the store failed.
    func guarded(_ body: () async throws -> SandboxResponse) async -> SandboxResponse {
        do { return try await body() } catch {
            return Self.restError(500, code: "UNKNOWN_EXCEPTION", message: "The sandbox failed: \(error)")
        }
    }

    /// The OAuth 2.0 client-credentials flow of a connected app.
    func token(_ request: SandboxRequest) -> SandboxResponse {
        let form = Dictionary(FormBody.parse(request.body), uniquingKeysWith: { first, _ in first })
        guard request.method == "POST", form["grant_type"] == "client_credentials" else {
            return .json(400, #"{"error":"unsupported_grant_type","error_description":"grant type not supported"}"#)
        }
        guard form["client_id"] == credentials.clientID, form["client_secret"] == credentials.clientSecret else {
            return .json(400, #"{"error":"invalid_client","error_description":"invalid client credentials"}"#)
        }
        let token = tokens.issue(lifetime: 7200, prefix: "\(credentials.orgID)!AR8AQ")
        let issued = Int64(Date().timeIntervalSince1970 * 1000)
        return .json(
            200,
            #"""
            {"access_token":"\#(token)","instance_url":"\#(request.baseURL)","id":"\#(request.baseURL)/id/\#
            \#(credentials.orgID)/0055e000001AbCdAAK","token_type":"Bearer","issued_at":"\#(issued)",\#
            "signature":"c2FuZGJveA=="}
            """#
        )
    }
}
