import LeadModel
import Testing

/// The one duration reader: exact on what users write, and no input of any size or shape traps
/// it or yields a value outside its range.
@Suite struct DurationTextTests {
    @Test(arguments: [
        ("250ms", 250), ("1.5s", 1_500), ("2m", 120_000), ("1h", 3_600_000), (" 30s ", 30_000), ("0.5ms", 1),
    ])
    func readsWhatUsersWrite(_ text: String, _ expected: Int) {
        #expect(DurationText.milliseconds(text, in: 1...86_400_000) == expected)
    }

    @Test(arguments: [
        "1e300ms", "99999999999999999999s", "-5s", "NaNs", "infs", "0x10s", "", "s", "5", "5 s", "1.2.3s", "25h", "0ms",
    ])
    func refusesWhatIsNotADurationInRange(_ text: String) {
        #expect(DurationText.milliseconds(text, in: 1...86_400_000) == nil, "\(text)")
    }

    @Test func aBareNumberIsReadOnlyWhereAUnitIsGiven() {
        #expect(DurationText.milliseconds("250", in: 0...600_000, bareUnit: 1) == 250)
        #expect(DurationText.milliseconds("2.5", in: 1...3_600_000, bareUnit: 1000) == 2_500)
        #expect(DurationText.describe(0...600_000) == "from 0ms to 10m")
        #expect(DurationText.describe(1...86_400_000) == "from 1ms to 24h")
    }

    @Test func noStringTrapsItOrEscapesTheRange() {
        // Strings over the characters durations and their look-alikes are made of.
        let alphabet = Array("0123456789.e-+msh xnNaIif9999999999")
        var generator = SeededGenerator(seed: 29)
        let ranges = [1...86_400_000, 0...600_000, 1...3_600_000]
        for round in 0..<20_000 {
            let length = Int(generator.next() % 28)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let range = ranges[round % ranges.count]
            if let value = DurationText.milliseconds(text, in: range, bareUnit: round % 2 == 0 ? 1000 : nil) {
                #expect(range.contains(value), "\(text) → \(value)")
            }
        }
    }
}
