import HTTPTypes

/// What an emulated service answers.
public struct SandboxResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Headers in order.
    public var headers: HTTPFields
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response.
    public static func json(_ status: Int, _ text: String, headers: HTTPFields = [:]) -> SandboxResponse {
        SandboxResponse(
            status: status, headers: [.contentType: "application/json; charset=utf-8"] + headers, body: Array(text.utf8)
        )
    }
}
