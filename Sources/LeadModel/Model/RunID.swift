/// Identifies one run. Every lead of the run carries it in its marker `LCTEST_<runId>_<n>`, so
/// read-back finds exactly this run's records and cleanup can prove it touches nothing else.
public struct RunID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Lowercase letters and digits, 4 to 16 of them.
    public let value: String

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Validates a user-supplied run id. Lowercase alphanumerics only, because the id ends up
    /// in email local parts (Marketo wants ASCII) and in Azure Table keys.
    public init(_ value: String, flag: String = "--run-id") throws(LeadCheckError) {
        let bytes = Array(value.utf8)
        guard (4...16).contains(bytes.count), bytes.allSatisfy({ Self.alphabet.contains($0) }) else {
            throw .invalidValue(flag: flag, value: value, expected: "4 to 16 lowercase letters or digits")
        }
        self.value = value
    }

    private init(unchecked value: String) { self.value = value }

    /// The run id `generate` uses for a seed when none is given: a pure function of the seed, so
    /// the same seed gives byte-identical fixtures.
    public static func derived(fromSeed seed: UInt64) -> RunID {
        var rng = SeededGenerator(seed: seed ^ 0x5255_4e49_445f_5631) // "RUNID_V1"
        return RunID(unchecked: makeID(&rng))
    }

    /// A fresh run id for a live run, so concurrent runs never share a marker.
    public static func random() -> RunID {
        var rng = SystemRandomNumberGenerator()
        return RunID(unchecked: makeID(&rng))
    }

    private static func makeID<G: RandomNumberGenerator>(_ rng: inout G) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(8)
        for _ in 0..<8 { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The run id itself.
    public var description: String { value }

    /// The marker of lead `n` of this run: `LCTEST_<runId>_<n>`.
    public func marker(_ sequence: Int) -> String { "\(LeadMarker.prefix)\(value)_\(sequence)" }
}
