import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Progress on stderr: on a terminal one line redrawn in place; elsewhere (CI logs, pipes)
/// plain lines at every tenth of the run, never a control character.
final class ProgressLine: Sendable {
    private let total: Int
    private let enabled: Bool
    private let counts = Mutex<(done: Int, failed: Int, nextPlainLine: Int)>((0, 0, 1))

    init(total: Int) {
        self.total = total
        enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Counts one finished check and redraws (or, off a terminal, prints a line per tenth).
    func advance(passed: Bool) {
        let (total, enabled) = (self.total, self.enabled)
        let text: String? = counts.withLock { counts in
            counts.done += 1
            if !passed { counts.failed += 1 }
            let summary =
                "checked \(counts.done)/\(total)" + (counts.failed > 0 ? ", \(counts.failed) not passing" : "")
            if enabled { return "\r\u{1B}[2K  " + summary }
            guard counts.done * 10 >= counts.nextPlainLine * total || counts.done == total else { return nil }
            while counts.nextPlainLine * total <= counts.done * 10 { counts.nextPlainLine += 1 }
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
