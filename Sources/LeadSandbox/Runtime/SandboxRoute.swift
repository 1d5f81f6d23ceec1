import HTTPTypes

/// One method and path pattern a service answers, in Hummingbird's router syntax (`{name}`
/// captures a segment, `**` the rest); the handler is a plain function of the request, so a
/// service is a table of these over its store.
public struct SandboxRoute: Sendable {
    /// The method matched.
    public let method: HTTPRequest.Method
    /// The path pattern matched.
    public let path: String
    /// Answers a matched request.
    public let handle: @Sendable (SandboxRequest) async -> SandboxResponse

    /// Creates a route.
    public init(
        _ method: HTTPRequest.Method, _ path: String,
        _ handle: @escaping @Sendable (SandboxRequest) async -> SandboxResponse
    ) {
        self.method = method
        self.path = path
        self.handle = handle
    }

    /// The same handler for several methods on one path.
    public static func each(
        _ methods: [HTTPRequest.Method], _ path: String,
        _ handle: @escaping @Sendable (SandboxRequest) async -> SandboxResponse
    ) -> [SandboxRoute] {
        methods.map { SandboxRoute($0, path, handle) }
    }
}
