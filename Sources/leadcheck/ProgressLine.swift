import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress counter on stderr, redrawn in place, shown only when stderr is a
/// terminal: CI logs and pipes get no control characters.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var failed = 0
    private let enabled: Bool

    init(total: Int) {
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Counts one finished check and redraws.
    func advance(passed: Bool) {
        guard enabled else { return }
        let text: String = lock.withLock {
            done += 1
            if !passed { failed += 1 }
            return "\r\u{1B}[2K  checked \(done)/\(total)" + (failed > 0 ? ", \(failed) not passing" : "")
        }
        Terminal.printStderrRaw(text)
    }

    /// Erases the line.
    func finish() {
        guard enabled else { return }
        Terminal.printStderrRaw("\r\u{1B}[2K")
    }
}
