import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress on stderr: on a terminal one line redrawn in place; elsewhere (CI logs, pipes)
/// plain lines at every tenth of the run, never a control character.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var failed = 0
    private let enabled: Bool
    private var nextPlainLine = 1

    init(total: Int) {
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Counts one finished check and redraws (or, off a terminal, prints a line per tenth).
    func advance(passed: Bool) {
        let text: String? = lock.withLock {
            done += 1
            if !passed { failed += 1 }
            let summary = "checked \(done)/\(total)" + (failed > 0 ? ", \(failed) not passing" : "")
            if enabled { return "\r\u{1B}[2K  " + summary }
            guard done * 10 >= nextPlainLine * total || done == total else { return nil }
            while nextPlainLine * total <= done * 10 { nextPlainLine += 1 }
            return "leadcheck: " + summary + "\n"
        }
        if let text { Terminal.printStderrRaw(text) }
    }

    /// Erases the line.
    func finish() {
        guard enabled else { return }
        Terminal.printStderrRaw("\r\u{1B}[2K")
    }
}
