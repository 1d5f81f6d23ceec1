import Foundation
import HTTPTypes
import LeadModel
import NIOCore
import NIOHTTPTypes

/// Writes a service's own clock into every response's `Date`, as the real services do.
/// Hummingbird stamps `Date` with the machine's clock after the responder ran, so a service whose
/// clock is off (the `clock-skew` fault) sets it here, on the way out: a client can only tell
/// clock skew from a bad key by comparing that `Date` with its own clock (docs/reference/azure-table.md §8).
final class ServiceClockHandler: ChannelOutboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Seconds the service's clock is ahead of this machine's; read per response.
    private let offset: @Sendable () -> Int64

    init(offset: @escaping @Sendable () -> Int64) { self.offset = offset }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        let skew = offset()
        if skew != 0 {
            let now = Int64(Date().timeIntervalSince1970) + skew
            head.headerFields[.date] = SandboxDate.rfc1123(now)
        }
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}
