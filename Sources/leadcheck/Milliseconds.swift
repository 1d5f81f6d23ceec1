import ArgumentParser
import LeadModel

/// A time span from the command line or the environment, in milliseconds: parsed and checked
/// once, where it is read.
struct Milliseconds: Sendable, Hashable {
    /// The span.
    let value: Int

    /// Seconds as a plain decimal, from 0.001 to 3600 (`--timeout 2.5`, `LEADCHECK_TIMEOUT`).
    static func seconds(_ text: String) -> Milliseconds? {
        guard let number = Choice.plainDecimal(text), number >= 0.001, number <= 3600 else { return nil }
        return Milliseconds(value: Int((number * 1000).rounded()))
    }

    /// `seconds(_:)` for an option: a refusal says what was expected.
    static func secondsOption(_ text: String) throws -> Milliseconds {
        guard let span = seconds(text) else { throw ValidationError("'\(text)' is not a number of seconds from 0.001 to 3600") }
        return span
    }

    /// A duration with its unit, for an option (`30s`, `250ms`, `2m`).
    static func durationOption(_ text: String) throws -> Milliseconds {
        guard let value = Choice.durationMilliseconds(text) else { throw ValidationError("'\(text)' is not a duration like 30s, 250ms or 2m") }
        return Milliseconds(value: value)
    }
}
