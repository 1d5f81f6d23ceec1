/// What the client does with a 3xx.
public enum RedirectPolicy: Sendable, Hashable {
    /// Fail with `http.redirect`: a destination that redirects is misconfigured as far as
    /// Microsoft's connector is concerned (the default).
    case fail
    /// Follow up to this many hops over http/https. libcurl drops a custom `Authorization` header
    /// when the host changes (since 7.58); a test proves it.
    case follow(maxHops: Int)
    /// Return the 3xx response to the caller.
    case returnResponse
}
