/// A request as an emulated service sees it: the raw path (still percent-encoded, as Shared Key
/// signs it), the raw query, headers in order, the whole body.
public struct SandboxRequest: Sendable {
    /// Upper-case method.
    public var method: String
    /// Raw path, e.g. `/devstoreaccount1/MarketplaceLeads(PartitionKey='a',RowKey='b')`.
    public var path: String
    /// Raw query without `?`, or nil.
    public var query: String?
    /// Headers in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, path: String, query: String? = nil, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first header of this name, case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Query parameters, percent-decoded (`+` kept as is, as Azure does).
    public var queryItems: [(name: String, value: String)] {
        guard let query else { return [] }
        return query.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pieces[0]).removingPercentEncodingSafely
            let value = pieces.count > 1 ? String(pieces[1]).removingPercentEncodingSafely : ""
            return (name, value)
        }
    }

    /// The first query parameter of this name.
    public func queryValue(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
