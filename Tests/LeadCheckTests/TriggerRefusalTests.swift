import Testing

@testable import LeadDestinations

/// The trigger answers of docs/reference/flows.md §1–§2, classified without a network.
@Suite struct TriggerRefusalTests {
    static func refusal(
        _ status: Int, _ code: String?, _ message: String = "",
        url: String = "https://prod-01.westus.logic.azure.com:443/workflows/x/triggers/manual/paths/invoke"
    ) -> TriggerRefusal {
        let body = code.map { #"{"error":{"code":"\#($0)","message":"\#(message)"}}"# } ?? ""
        return TriggerRefusal(status: status, body: Array(body.utf8), url: url)
    }

    @Test func aPowerAutomateURLOnLogicAzureComThatAnswers404NamesTheMove() {
        let gone = Self.refusal(404, "WorkflowNotFound", "The workflow 'x' could not be found.")
        #expect(
            gone.code == .httpStatus && gone.hint.contains("November 30, 2025")
                && gone.hint.contains("powerplatform.com"))
        let elsewhere = Self.refusal(404, nil, url: "https://flows.contoso.com/hook")
        #expect(!elsewhere.hint.contains("November 30, 2025"))
    }

    @Test func sasAndTenantOnlyAreToldApartByTheMessage() {
        #expect(
            Self.refusal(
                401, "DirectApiAuthorizationRequired", "The request must be authenticated only by Shared Access scheme."
            ).code == .httpStatus)
        #expect(
            Self.refusal(
                401, "DirectApiAuthorizationRequired",
                "The request must be authenticated only by OAuth authorization scheme."
            ).code == .accessBlocked)
        #expect(Self.refusal(403, "MisMatchingOAuthClaims").code == .accessBlocked)
        #expect(Self.refusal(504, nil).hint.contains("Response action"))
        #expect(Self.refusal(429, nil).code == .throttled)
        #expect(Self.refusal(400, nil, url: "http://127.0.0.1/").hint.contains("camelCase"))
    }
}
