/// What `leadcheck listen` answered a captured request: its own status, or what the endpoint it
/// forwarded to answered.
public struct CapturedAnswer: Sendable, Hashable {
    public var status: Int
    public var headers: [[String]]
    public var body: [UInt8]

    /// Creates an answer.
    public init(status: Int, headers: [[String]] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
