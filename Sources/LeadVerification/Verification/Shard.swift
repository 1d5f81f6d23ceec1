import LeadModel

/// One slice of a run's work (`verify --shard K/N`): the (destination × lead) checks whose index
/// — destination-major — leaves remainder K−1 when divided by N. Every shard of the same seed
/// generates the same leads, so the shards together are the whole run, each check exactly once.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    /// How many shards.
    public let count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N ≤ 1000.
    public init(parsing text: String) throws(LeadCheckError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), (1...1000).contains(n),
            (1...n).contains(k)
        else {
            throw .invalidValue(flag: "--shard", value: text, expected: "K/N with 1 ≤ K ≤ N ≤ 1000, e.g. 2/4")
        }
        index = k
        count = n
    }

    /// Whether this shard runs check `destination` × `lead` of a run with `leads` leads.
    public func includes(destination: Int, lead: Int, leads: Int) -> Bool {
        (destination * leads + lead) % count == index - 1
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}
