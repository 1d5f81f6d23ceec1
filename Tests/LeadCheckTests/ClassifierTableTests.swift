import Foundation
import LeadModel
import LeadTransport
import Testing

@testable import LeadDestinations

/// Each destination's answer → finding mapping as rows: status, headers and body in (the
/// captured shapes docs/reference/ records), code and hint out — no network. A few of the same
/// answers also run end to end (RealAnswerReplayTests).
@Suite struct ClassifierTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let status: Int
        let headers: [(String, String)]
        let body: String
        let code: FindingCode
        let words: String
        init(
            _ name: String, _ status: Int, _ body: String, headers: [(String, String)] = [], _ code: FindingCode,
            _ words: String
        ) {
            (self.name, self.status, self.body, self.headers, self.code, self.words) = (
                name, status, body, headers, code, words
            )
        }
        var testDescription: String { name }
        var response: HTTPResponse {
            var fields = HTTPHeaders()
            for (name, value) in headers { fields.add(name, value) }
            return HTTPResponse(status: status, headers: fields, body: Array(body.utf8))
        }
    }

    static func entra(_ status: Int, _ error: String, _ code: Int, _ description: String) -> String {
        #"""
        {"error":"\#(error)","error_description":"AADSTS\#(code): \#(description)\r\nTrace ID:\#
         t\r\nCorrelation ID: c\r\nTimestamp: 2026-12-01 10:00:00Z","error_codes":[\#(code)]}
        """#
    }

    // docs/reference/dynamics.md §5: Entra by error_codes; the inferred readings say so.
    static let entraRows: [Row] = [
        Row(
            "AADSTS7000215", 401, entra(401, "invalid_client", 7_000_215, "Invalid client secret provided."),
            .authRejected, "Value, not its Secret ID"),
        Row(
            "AADSTS7000222", 401,
            entra(401, "invalid_client", 7_000_222, "The provided client secret keys for app 'x' are expired."),
            .authRejected, "expired"),
        Row(
            "AADSTS700016", 400,
            entra(
                400, "unauthorized_client", 700_016,
                "Application with identifier 'x' was not found in the directory 'y'."), .authRejected,
            "Application (client) ID"),
        Row(
            "AADSTS90002", 400, entra(400, "invalid_tenant", 90002, "Tenant 'x' not found."), .authRejected,
            "Directory ID"),
        Row(
            "AADSTS900023 (inferred)", 400,
            entra(
                400, "invalid_request", 900_023,
                "Specified tenant identifier 'x' is neither a valid DNS name, nor a valid external domain."),
            .authRejected, "Directory ID"),
        Row(
            "AADSTS500011", 400,
            entra(
                400, "invalid_resource", 500_011,
                "The resource principal named https://c.crm.dynamics.com was not found."), .authRejected, "instance URL"
        ),
        Row(
            "AADSTS70011 (inferred)", 400,
            entra(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid."),
            .authRejected, "instance URL"),
        Row("throttled", 429, "", .throttled, "Retry later"),
    ]

    @Test(arguments: entraRows)
    func entraSignIn(_ row: Row) {
        let finding = DynamicsDestination.signInFinding(
            row.response, destination: "d", settings: DestinationRequestTests.dynamics)
        #expect(finding.code == row.code, "\(row.name): \(finding.message)")
        #expect(finding.hint.contains(row.words) || finding.message.contains(row.words), "\(row.name): \(finding.hint)")
        if row.name.contains("inferred") { #expect(finding.message.contains("inference"), "\(finding.message)") }
    }

    static func trigger(_ status: Int, _ code: String, _ message: String) -> String {
        #"{"error":{"code":"\#(code)","message":"\#(message)"}}"#
    }

    // docs/reference/flows.md §1, §2, §7: the trigger's answers.
    static let triggerRows: [Row] = [
        Row(
            "SAS signature missing", 401,
            trigger(
                401, "DirectApiAuthorizationRequired", "The request must be authenticated only by Shared Access scheme."
            ), .httpStatus, "sp, sv and sig"),
        Row(
            "tenant users only", 401,
            trigger(
                401, "DirectApiAuthorizationRequired",
                "The request must be authenticated only by OAuth authorization scheme."), .accessBlocked,
            "Who can trigger the flow"),
        Row(
            "MisMatchingOAuthClaims", 403,
            trigger(403, "MisMatchingOAuthClaims", "One or more claims either missing or does not match."),
            .accessBlocked, "Anyone"),
        Row(
            "Schema Validation", 400,
            trigger(400, "TriggerInputSchemaMismatch", "Required properties are missing from object: UserDetails."),
            .deliverRejected, "Schema Validation off"),
        Row(
            "another method", 400,
            trigger(
                400, "TriggerRequestMethodNotValid",
                "The HTTP method for this request is not valid: expected 'GET' and actual 'POST'."), .deliverRejected,
            "POST"),
        Row("every Response skipped", 502, trigger(502, "NoResponse", "x"), .httpStatus, "Response action"),
        Row("throttled", 429, trigger(429, "WorkflowRequestsThrottled", "x"), .throttled, "limits"),
        Row("server error", 500, "oops", .httpStatus, "run history"),
    ]

    @Test(arguments: triggerRows)
    func triggerAnswers(_ row: Row) {
        let refusal = TriggerRefusal(
            status: row.status, body: Array(row.body.utf8),
            url: "https://example.com/workflows/x/triggers/manual/paths/invoke")
        #expect(refusal.code == row.code, "\(row.name): \(refusal.message)")
        #expect(refusal.hint.contains(row.words) || refusal.message.contains(row.words), "\(row.name): \(refusal.hint)")
    }

    static func table(_ code: String, _ value: String) -> String {
        #"{"odata.error":{"code":"\#(code)","message":{"lang":"en-US","value":"\#(value)\nRequestId:x\nTime:y"}}}"#
    }

    static func dated(_ offset: Int64) -> [(String, String)] {
        [("Date", LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) + offset).rfc1123)]
    }

    // docs/reference/azure-table.md §8: the code is in the body; clock skew is read from Date.
    static let tableRows: [Row] = [
        Row(
            "AuthenticationFailed, clock an hour off", 403,
            table("AuthenticationFailed", "Server failed to authenticate the request."), headers: dated(3600),
            .clockSkew, "clock"),
        Row(
            "AuthenticationFailed, clock right", 403,
            table("AuthenticationFailed", "Server failed to authenticate the request."), headers: dated(0),
            .authRejected, "AccountKey"),
        Row(
            "AuthorizationFailure (firewall)", 403,
            table("AuthorizationFailure", "This request is not authorized to perform this operation."),
            headers: dated(0), .accessBlocked, "all networks"),
        Row(
            "KeyBasedAuthenticationNotPermitted", 403,
            table(
                "KeyBasedAuthenticationNotPermitted",
                "Key based authentication is not permitted on this storage account."), headers: dated(0),
            .accessBlocked, "key access"),
    ]

    @Test(arguments: tableRows)
    func tableAnswers(_ row: Row) throws {
        let connection = try AzureConnectionString(
            parsing: Secret(
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net",
                source: "test"))
        let destination = try AzureTableDestination(
            name: "t", connection: connection, table: "MarketplaceLeads", client: try HTTPClient())
        let finding = destination.finding(row.response, lead: nil, action: "inserting the lead")
        #expect(finding.code == row.code, "\(row.name): \(finding.message)")
        #expect(finding.hint.contains(row.words) || finding.message.contains(row.words), "\(row.name): \(finding.hint)")
    }
}
