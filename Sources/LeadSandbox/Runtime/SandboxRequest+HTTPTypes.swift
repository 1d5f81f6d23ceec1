import HTTPTypes
import HummingbirdCore

extension SandboxRequest {
    /// The request as the services see it, from the head Hummingbird decoded.
    init(head: HTTPTypes.HTTPRequest, body: [UInt8], scheme: String) {
        // Hummingbird's own URI type splits path and query, as `Request.uri` does.
        let uri = URI(head.path ?? "")
        self.init(
            method: head.method.rawValue, path: uri.path, query: uri.query,
            headers: head.headerFields,
            body: body, authority: head.authority ?? "127.0.0.1", scheme: scheme
        )
    }
}
