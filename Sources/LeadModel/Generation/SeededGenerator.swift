/// SplitMix64: a tiny, fast, well-distributed generator whose output is fixed by its seed on
/// every platform and Swift version.
///
/// leadcheck never uses the standard library's `randomElement(using:)` or `shuffled(using:)`
/// with it: their algorithms are not promised stable across releases, and fixtures must be.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the stream at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The generator for lead `index` of a run seeded with `seed`. Each lead has its own stream,
    /// so lead N is the same whether it is generated alone, after a million others, or on
    /// another thread.
    public static func forLead(seed: UInt64, index: Int) -> SeededGenerator {
        var mixer = SeededGenerator(seed: seed)
        let base = mixer.next()
        var child = SeededGenerator(seed: base ^ (UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93))
        _ = child.next()
        return child
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (multiply-shift; the bias is below 2⁻³² for any table here).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(((next() >> 32) &* UInt64(bound)) >> 32)
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// The array rotated left by a random offset: a cheap deterministic reordering.
    public mutating func rotated<T>(_ items: [T]) -> [T] {
        guard items.count > 1 else { return items }
        let k = below(items.count)
        return Array(items[k...] + items[..<k])
    }
}
