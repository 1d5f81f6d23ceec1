/// A burst of requests driven by the libcurl thread itself: whenever a transfer slot is free the
/// loop pulls the next request from `next`, and reports each outcome to `completion` — no Swift
/// task, continuation or thread hand-off per request, which is what bounds a `send` burst.
///
/// `@unchecked Sendable`: `next` and `completion` run only on the loop thread; `inFlight`,
/// `exhausted` and `cancelled` are touched only there too, except `cancelled`, set under the
/// loop's lock; `done` is resumed once, from the loop thread.
final class BurstFeeder: @unchecked Sendable {
    let next: () -> HTTPRequest?
    let completion: (HTTPRequest, Result<HTTPResponse, TransportError>) -> Void
    /// Most of this burst's transfers in flight on this loop at once (the loop's own limit
    /// applies too): a burst spread over several loops gives each its share.
    let slots: Int
    var done: CheckedContinuation<Void, Never>?
    var inFlight = 0
    var exhausted = false
    var cancelled = false

    init(
        slots: Int, next: @escaping () -> HTTPRequest?,
        completion: @escaping (HTTPRequest, Result<HTTPResponse, TransportError>) -> Void
    ) {
        self.slots = max(1, slots)
        self.next = next
        self.completion = completion
    }
}
