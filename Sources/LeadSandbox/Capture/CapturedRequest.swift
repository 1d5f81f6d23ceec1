/// A request exactly as it arrived at `leadcheck listen`: the method, the target (path and
/// query, still percent-encoded), the headers in arrival order (`Host` first, as HTTP/1.1
/// carries it), and the body's bytes.
public struct CapturedRequest: Sendable, Hashable {
    public var method: String
    public var target: String
    public var headers: [[String]]
    public var body: [UInt8]
    /// `http` or `https`.
    public var scheme: String

    /// Creates a request.
    public init(method: String, target: String, headers: [[String]], body: [UInt8], scheme: String) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.scheme = scheme
    }

    /// The first header named `name` (case-insensitively).
    public func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }.flatMap { $0.count > 1 ? $0[1] : nil }
    }
}
