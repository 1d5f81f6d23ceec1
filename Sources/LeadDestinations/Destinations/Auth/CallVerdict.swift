/// What a destination makes of one authorised call's response.
enum CallVerdict: Sendable, Equatable {
    /// Final: hand the response to the caller.
    case done
    /// The token is invalid or expired: renew it once and repeat the call.
    case reauthenticate
    /// Throttled: wait this long and repeat, if the deadline allows.
    case retryAfter(Duration)
}
