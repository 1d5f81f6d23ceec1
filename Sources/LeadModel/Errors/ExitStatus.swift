/// The process exit codes every `leadcheck` command uses (README, "Exit codes").
///
/// CI pipelines branch on these, so they are part of the public contract and never change.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything passed.
    case passed = 0
    /// The command line was wrong: unknown flag, bad choice, malformed number.
    case usage = 1
    /// A config file or input file was wrong, or an output path could not be written.
    case input = 2
    /// The run could not complete: network, TLS, auth.
    case runtime = 3
    /// The destination answered, but wrongly.
    case verificationFailed = 4
}
