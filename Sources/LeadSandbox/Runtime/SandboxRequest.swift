import HTTPTypes

/// A request as an emulated service sees it: the raw path (still percent-encoded, as Shared Key
/// signs it), the raw query, headers in order, the whole body, the route's captures.
public struct SandboxRequest: Sendable {
    /// Upper-case method.
    public var method: String
    /// Raw path, e.g. `/devstoreaccount1/MarketplaceLeads(PartitionKey='a',RowKey='b')`.
    public var path: String
    /// Raw query without `?`, or nil.
    public var query: String?
    /// Headers in order; HTTPTypes looks names up case-insensitively.
    public var headers: HTTPFields
    /// What the route's path pattern captured (`{account}`, `**`), by name.
    public var parameters: [String: String] = [:]
    /// The body.
    public var body: [UInt8]
    /// `host:port` the client addressed (HTTP/1.1 `Host`, which HTTPTypes keeps apart from headers).
    public var authority: String
    /// `http` or `https`, as the sandbox serves.
    public var scheme: String

    /// Creates a request.
    public init(
        method: String, path: String, query: String? = nil, headers: HTTPFields = [:], body: [UInt8] = [],
        authority: String = "127.0.0.1", scheme: String = "http"
    ) {
        self.authority = authority
        self.scheme = scheme
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// `scheme://authority`: the base URL the client used.
    public var baseURL: String { "\(scheme)://\(authority)" }

    /// Query parameters, percent-decoded. Azure Storage keeps a literal `+`; ASP.NET services
    /// (Dataverse) read `+` as a space, as form encoding does.
    public func queryItems(plusAsSpace: Bool = false) -> [(name: String, value: String)] {
        guard let query else { return [] }
        return query.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                (plusAsSpace ? text.replacingOccurrences(of: "+", with: " ") : String(text))
                    .removingPercentEncodingSafely
            }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }

    /// The first query parameter of this name.
    public func queryValue(_ name: String, plusAsSpace: Bool = false) -> String? {
        queryItems(plusAsSpace: plusAsSpace).first { $0.name == name }?.value
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
