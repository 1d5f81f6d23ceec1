import ArgumentParser
import LeadModel

/// A time span from the command line or the environment, in milliseconds: parsed and checked
/// once, where it is read.
struct Milliseconds: Sendable, Hashable {
    /// The span.
    let value: Int

    /// Seconds as a plain decimal, or a duration with its unit, from 1ms to 1h (`--timeout 2.5`,
    /// `--timeout 500ms`, `LEADCHECK_TIMEOUT`).
    static func seconds(_ text: String) -> Milliseconds? {
        DurationText.milliseconds(text, in: 1...3_600_000, bareUnit: 1000).map { Milliseconds(value: $0) }
    }

    /// `seconds(_:)` for an option: a refusal says what was expected.
    static func secondsOption(_ text: String) throws -> Milliseconds {
        guard let span = seconds(text) else {
            throw ValidationError("'\(text)' is not a number of seconds from 0.001 to 3600 (or a duration like 500ms)")
        }
        return span
    }

    /// A duration with its unit, for an option (`30s`, `250ms`, `2m`).
    static func durationOption(_ text: String) throws -> Milliseconds {
        guard let value = Choice.durationMilliseconds(text) else {
            throw ValidationError(
                "'\(text)' is not a duration \(DurationText.describe(Choice.durationRange)) like 30s, 250ms or 2m")
        }
        return Milliseconds(value: value)
    }
}
