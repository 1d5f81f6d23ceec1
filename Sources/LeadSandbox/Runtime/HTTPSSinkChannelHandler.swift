import Foundation
import HTTPTypes
import LeadCheck
import NIOCore
import NIOHTTPTypes

/// The HTTPS sink's lane on the event loop: a plain lead POST is checked, handed to the store's
/// writer thread, and answered from the event loop once committed, without the hops through
/// Swift's cooperative pool that Hummingbird's async responder costs for every request (on the
/// 2-core bench machine those thread switches were the largest share of the sink's CPU time).
///
/// Only the plain case takes this lane: a POST with a `Content-Length` within the sink's limit,
/// no `Expect` or `Connection` other than keep-alive, and no fault aimed at the sink. Every
/// other request goes on to Hummingbird and ``SandboxServer`` unchanged. Both lanes use
/// ``HTTPSSinkService/admit(_:)`` and ``SandboxRequest/init(head:body:scheme:)``, so they check
/// and store exactly the same things, and "acknowledged means stored" holds in both.
///
/// Responses leave in request order: a request that arrives while an earlier one's response is
/// still owed (a pipelining client) is held until that response is written, whichever lane owes
/// it; Hummingbird's responses are seen passing outbound through this handler. The end of the
/// stream (the client half-closing, a parse error) waits behind them too, or Hummingbird would
/// close the connection before a stored lead's 202 is out.
final class HTTPSSinkChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Where the inbound stream is: between requests, inside one passed on to Hummingbird, or
    /// inside one this lane is collecting.
    private enum Inbound {
        case betweenRequests
        case passing
        case collecting(HTTPTypes.HTTPRequest)
    }

    /// What arrives from the socket side, in order: request parts, and the events that end the
    /// stream (the client half-closing, a parse error), which must not overtake earlier requests.
    private enum Arrival {
        case part(HTTPRequestPart)
        case inputClosed
        case error(any Error)
    }

    private let service: HTTPSSinkService
    private let scheme: String
    private var inbound = Inbound.betweenRequests
    private var body = ByteBuffer()
    /// Requests whose response has not been written in full, in either lane.
    private var responsesOwed = 0
    /// Whether one of those is this lane's (a lead being stored).
    private var laneOwes = false
    /// What arrived while it had to wait, in order.
    private var held = CircularBuffer<Arrival>()
    /// A `read` withheld while too much is held, issued once it drains.
    private var readWithheld = false
    private var removed = false
    private var date = (second: Int64.min, value: "")

    /// Parts held before this handler stops asking the socket for more.
    static let holdLimit = 64

    init(service: HTTPSSinkService, scheme: String) {
        self.service = service
        self.scheme = scheme
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        removed = true
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        arrive(.part(unwrapInboundIn(data)), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // Told at once, Hummingbird would close the connection before the owed answers are
        // written, and a stored lead would go unacknowledged.
        if case .inputClosed? = event as? ChannelEvent {
            arrive(.inputClosed, context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A parse error after a lead being stored: Hummingbird answers 400 and closes, which must
        // wait for that lead's 202.
        arrive(.error(error), context: context)
    }

    func read(context: ChannelHandlerContext) {
        if held.count >= Self.holdLimit {
            readWithheld = true
        } else {
            context.read()
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd = if case .end = unwrapOutboundIn(data) { true } else { false }
        context.write(data, promise: promise)
        if isEnd { responseWritten(context: context) }
    }

    private func arrive(_ arrival: Arrival, context: ChannelHandlerContext) {
        if held.isEmpty && !mustWait(arrival) {
            deliver(arrival, context: context)
        } else {
            held.append(arrival)
        }
    }

    /// A new request waits while any earlier response is owed; the end of the stream waits for
    /// this lane's owed answer (Hummingbird orders its own).
    private func mustWait(_ arrival: Arrival) -> Bool {
        switch arrival {
        case .part(.head): if case .betweenRequests = inbound { responsesOwed > 0 } else { false }
        case .part: false
        case .inputClosed, .error: laneOwes
        }
    }

    private func deliver(_ arrival: Arrival, context: ChannelHandlerContext) {
        switch arrival {
        case let .part(part): process(part, context: context)
        case .inputClosed: context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        case let .error(error): context.fireErrorCaught(error)
        }
    }

    private func process(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch (inbound, part) {
        case let (.betweenRequests, .head(head)):
            responsesOwed += 1
            if let length = takes(head) {
                inbound = .collecting(head)
                // Room for a typical lead up front, not for what the header claims: a client
                // declaring 1 MiB and sending nothing must not cost 1 MiB per connection.
                body = context.channel.allocator.buffer(capacity: min(length, 16_384))
            } else {
                inbound = .passing
                context.fireChannelRead(wrapInboundOut(part))
            }
        case (.collecting, .body(var chunk)):
            body.writeBuffer(&chunk)
        case let (.collecting(head), .end):
            inbound = .betweenRequests
            laneOwes = true
            let bytes = Array(buffer: body)
            body = ByteBuffer()
            admit(head, bytes, context: context)
        case (.passing, .end):
            inbound = .betweenRequests
            context.fireChannelRead(wrapInboundOut(part))
        default:
            // Inside a passed-on request, or a part out of place: Hummingbird decides.
            context.fireChannelRead(wrapInboundOut(part))
        }
    }

    /// The body length when this lane takes the request; nil to pass it on.
    private func takes(_ head: HTTPTypes.HTTPRequest) -> Int? {
        guard head.method == .post,
              head.headerFields[.expect] == nil,
              head.headerFields[.transferEncoding] == nil,
              head.headerFields[values: .connection].allSatisfy({ $0.lowercased() == "keep-alive" }),
              let declared = head.headerFields[.contentLength], let length = Int(declared),
              (0...service.maxBodyBytes).contains(length),
              service.faults.effects(for: .https).isEmpty
        else { return nil }
        return length
    }

    private func admit(_ head: HTTPTypes.HTTPRequest, _ bytes: [UInt8], context: ChannelHandlerContext) {
        switch service.admit(SandboxRequest(head: head, body: bytes, scheme: scheme)) {
        case let .respond(response):
            respond(response, context: context)
        case let .store(row):
            let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
            service.store.insertHTTPSLead(row) { result in
                bound.eventLoop.execute {
                    let (handler, context) = bound.value
                    handler.respond(HTTPSSinkService.stored(result), context: context)
                }
            }
        }
    }

    /// Writes one of this lane's responses the way Hummingbird writes the others: with
    /// `Content-Length` and `Date`.
    private func respond(_ response: SandboxResponse, context: ChannelHandlerContext) {
        guard !removed else { return }
        var fields = response.httpFields
        fields[.contentLength] = String(response.body.count)
        fields[.date] = currentDate()
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .init(code: response.status), headerFields: fields))), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: response.body))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        laneOwes = false
        responseWritten(context: context)
    }

    /// One owed response is out: let held requests through until one must wait again.
    private func responseWritten(context: ChannelHandlerContext) {
        // Hummingbird also answers requests that never parsed (400 and close); those were not counted.
        responsesOwed = max(0, responsesOwed - 1)
        if !held.isEmpty {
            while let arrival = held.first, !mustWait(arrival) {
                held.removeFirst()
                deliver(arrival, context: context)
            }
            // Parts passed on here arrive outside a socket read; NIO's async channel hands what
            // it buffered to Hummingbird only on read-complete.
            context.fireChannelReadComplete()
        }
        if readWithheld && held.count < Self.holdLimit {
            readWithheld = false
            context.read()
        }
    }

    /// The HTTP `Date` value, built once a second.
    private func currentDate() -> String {
        let now = Int64(Date().timeIntervalSince1970)
        if now != date.second { date = (now, LeadTimestamp(secondsSinceEpoch: now).rfc1123) }
        return date.value
    }
}
