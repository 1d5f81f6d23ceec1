/// An RFC 6901 pointer into a JSON document, e.g. `/triggers/manual/inputs/schema/required`:
/// where a flow finding is, in the file the publisher exported.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The reference tokens, unescaped.
    public private(set) var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from its tokens.
    public init(tokens: [String]) { self.tokens = tokens }

    /// This pointer with one more token.
    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }

    /// This pointer with several more tokens.
    public func appending(_ more: [String]) -> JSONPointer { JSONPointer(tokens: tokens + more) }

    /// An array element.
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    /// The pointer's text: `~` is written `~0` and `/` is written `~1` (RFC 6901 §3).
    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }
            .joined()
    }
}
