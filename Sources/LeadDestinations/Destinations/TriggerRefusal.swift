import Foundation
import LeadModel

/// What a Power Automate or Logic Apps trigger's non-2xx answer means for the leads Microsoft
/// sends, classified by the error code of its `{"error":{"code","message"}}` body (docs/reference/flows.md
/// §1–§2). Pure: no I/O.
struct TriggerRefusal: Sendable {
    /// The finding's code, message and hint.
    let code: FindingCode
    let message: String
    let hint: String

    private struct Envelope: Decodable {
        struct Body: Decodable {
            let code: String?
            let message: String?
        }
        let error: Body?
    }

    /// Classifies an answer to a lead POST to `url`.
    init(status: Int, body: [UInt8], url: String) {
        let error = (try? JSONDecoder().decode(Envelope.self, from: Data(body)))?.error
        let text = error?.message ?? ""
        let host = URLComponents(string: url)?.host?.lowercased() ?? ""
        let answered = "the endpoint answered HTTP \(status)\(error?.code.map { " \($0)" } ?? "")"
        switch (status, error?.code) {
        case (401, "DirectApiAuthorizationRequired") where text.localizedCaseInsensitiveContains("OAuth"):
            // A trigger only tenant users may call: the default for new flows (docs/reference/flows.md §2).
            // Microsoft's connector sends no token, so it refuses every real lead.
            code = .accessBlocked
            message =
                "\(answered): the trigger admits only signed-in users of your tenant, and Microsoft's connector sends no token"
            hint =
                """
                In the flow's trigger set \"Who can trigger the flow\" to \"Anyone\" (new flows default to\
                 \"Any user in my tenant\"), save, and copy the new URL — it then carries sp, sv and sig —\
                 into Partner Center.
                """
        case (401, "DirectApiAuthorizationRequired"):
            code = .httpStatus
            message = "\(answered): the URL's signature is missing or wrong"
            hint =
                """
                The URL was copied incompletely: a Logic Apps / Power Automate trigger URL must keep its sp,\
                 sv and sig parameters. Copy it again with the copy button next to \"HTTP POST URL\".
                """
        case (401, "MisMatchingOAuthClaims"), (403, "MisMatchingOAuthClaims"):
            code = .accessBlocked
            message = "\(answered): the trigger's OAuth policy refuses the caller"
            hint =
                """
                The trigger restricts callers to a tenant or specific users; Microsoft's connector cannot\
                 satisfy it. Set \"Who can trigger the flow\" to \"Anyone\" (or remove the Logic App's\
                 authorization policy) and copy the new URL into Partner Center.
                """
        case (_, "TriggerRequestMethodNotValid"):
            // docs/reference/flows.md §7 [3P]: the trigger's method is not the one the request used.
            code = .deliverRejected
            message = "\(answered): the trigger does not accept POST — \(text.prefix(200))"
            hint =
                "Microsoft's connector POSTs every lead: set the trigger's method to POST (or leave it unset), save, and check the URL in Partner Center."
        case (400, "TriggerInputSchemaMismatch"):
            code = .deliverRejected
            message = "\(answered): Schema Validation refused the lead — \(text.prefix(200))"
            hint =
                """
                The trigger has Schema Validation on and its schema does not fit the leads Microsoft sends\
                 (camelCase userDetails, leadSource, …; any customer field may be absent): turn Schema\
                 Validation off in the trigger's settings, or drop the schema's `required` list and\
                 PascalCase keys.
                """
        case (502, _):
            code = .httpStatus
            message = "\(answered): the flow's Response action did not run"
            hint =
                """
                Logic Apps answers 502 when every Response action was skipped, even if the run succeeded:\
                 remove the Response action (the trigger then answers 202 at once) or make sure one runs on\
                 every path.
                """
        case (504, _):
            code = .httpStatus
            message = "\(answered): the flow's Response action did not answer in time"
            hint =
                """
                A Response action waits for the actions before it; Microsoft's connector sees a timeout and\
                 loses the lead. Remove the Response action, or move it first.
                """
        case (404, _) where host.hasSuffix(".logic.azure.com"):
            // Power Automate trigger URLs on logic.azure.com stopped working after 2025-11-30 (docs/reference/flows.md §2).
            code = .httpStatus
            message = "\(answered): no trigger answers at this logic.azure.com URL"
            hint =
                """
                If this is a Power Automate flow: its logic.azure.com trigger URL stopped working after\
                 November 30, 2025 — open the trigger, copy the new URL\
                 (…environment.api.powerplatform.com/powerautomate/automations/direct/…) and give it to\
                 Partner Center. If it is a Logic App, check that it exists and is enabled.
                """
        case (429, _):
            code = .throttled
            message = "\(answered) (throttled)"
            hint = "The endpoint throttles; Microsoft's connector does not wait for you. Raise the flow's limits."
        case (500..., _):
            code = .httpStatus
            message = "\(answered) instead of a 2xx"
            hint =
                "The endpoint failed while handling the lead; Microsoft treats that as a lost lead. Check the flow's run history."
        default:
            code = .httpStatus
            message = "\(answered) instead of a 2xx"
            hint =
                """
                The endpoint refused the lead; it must accept any JSON carrying userDetails, leadSource,\
                 actionCode, offerTitle and description (camelCase, as Microsoft sends it), with any customer\
                 field absent.
                """
        }
    }
}
