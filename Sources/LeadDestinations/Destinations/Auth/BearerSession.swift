import Foundation
import LeadModel
import LeadTransport

/// Sends a destination's bearer-authorised calls: takes the token from the cache, renews it once
/// when the service says it expired, and waits out throttling (honouring the service's
/// `Retry-After` or backing off) as long as the call's retry budget allows. What remains — the
/// final response, a sign-in failure, a transport error — is the caller's to turn into findings.
struct BearerSession: Sendable {
    /// How a call ended without a response worth judging.
    enum Failure: Error, Sendable {
        /// Signing in failed.
        case token(FindingsFailure)
        /// The request did not complete.
        case transport(TransportError)

        /// The findings, attributed to `lead` (sign-in findings carry no lead of their own).
        func findings(destination: String, lead: String?, action: String) -> [Finding] {
            switch self {
            case .token(let failure): failure.findings(lead: lead)
            case .transport(let error):
                [TransportFindings.finding(error, destination: destination, lead: lead, action: action)]
            }
        }
    }

    let client: HTTPClient
    let tokens: TokenCache
    /// How long one call may spend waiting out throttling, in total.
    let retryBudget: Duration
    /// Client-side limits every call passes (Marketo's).
    var gate: MarketoCallGate?

    /// Sends `make(token)`, classifying each response with `verdict`.
    func send(
        _ make: @escaping @Sendable (String) -> HTTPRequest, verdict: @escaping @Sendable (HTTPResponse) -> CallVerdict
    ) async -> Result<HTTPResponse, Failure> {
        let deadline = ContinuousClock.now + retryBudget
        var renewed = false
        while true {
            let token: String
            switch await tokens.token() {
            case .success(let value): token = value
            case .failure(let failure): return .failure(.token(failure))
            }
            let remaining = max(.zero, deadline - ContinuousClock.now)
            switch await Self.retrying(client, budget: remaining, make(token), gate: gate, verdict: verdict) {
            case .failure(let error):
                return .failure(.transport(error))
            case .success(let response):
                guard verdict(response) == .reauthenticate, !renewed else { return .success(response) }
                renewed = true
                await tokens.invalidate(token)
            }
        }
    }

    /// Sends `request`, repeating it while `verdict` says to wait and `budget` allows; returns
    /// the last response. (`.reauthenticate` ends it: only the caller can renew.)
    static func retrying(
        _ client: HTTPClient, budget: Duration, _ request: HTTPRequest, gate: MarketoCallGate? = nil,
        verdict: @Sendable (HTTPResponse) -> CallVerdict
    ) async -> Result<HTTPResponse, TransportError> {
        var backoff = Backoff(first: .milliseconds(500), maximum: .seconds(8), deadline: .now + budget)
        while true {
            await gate?.enter()
            let sent: Result<HTTPResponse, TransportError>
            do { sent = .success(try await client.send(request)) } catch { sent = .failure(error) }
            await gate?.leave()
            let response: HTTPResponse
            switch sent {
            case .failure(let error): return .failure(error)
            case .success(let value): response = value
            }
            // Retry-After when the service says how long, else the doubling delay.
            guard case .retryAfter(let wait) = verdict(response), await backoff.wait(wait) else {
                return .success(response)
            }
        }
    }

    /// The delay a `Retry-After` header asks for (seconds or an HTTP date); zero when absent.
    static func retryAfter(_ response: HTTPResponse) -> Duration {
        guard let value = response.headers["Retry-After"]?.trimmingCharacters(in: .whitespaces) else { return .zero }
        // Clamped: a hostile or broken server may ask for 1e300 seconds (or NaN); a day is
        // already past any retry budget.
        if let seconds = Double(value) {
            return seconds.isFinite ? .milliseconds(Int(min(max(0, seconds), 86_400) * 1000)) : .seconds(86_400)
        }
        // An HTTP date, read the one way leadcheck reads them (as the clock check reads `Date`).
        guard let date = LeadTimestamp(rfc1123: value) else { return .zero }
        let seconds = Double(date.secondsSinceEpoch) - Date().timeIntervalSince1970
        return .milliseconds(Int(min(max(0, seconds), 86_400) * 1000))
    }
}
