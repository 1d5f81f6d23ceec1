import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Long-lived helper processes for tests (nginx, later the sandbox). Swift Testing has no global
/// tear-down and does not reliably run `atexit` handlers, so each helper runs under a small
/// shell watchdog that stops it as soon as the test process is gone.
public enum ChildProcesses {
    /// A process that runs `executable arguments…` and terminates it when this test process
    /// exits, however it exits. Call `run()` on the result.
    public static func watched(_ executable: String, _ arguments: [String]) -> Process {
        let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let script = """
            \(quoted) &
            child=$!
            trap 'kill $child 2>/dev/null; exit 0' TERM INT
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
            kill $child 2>/dev/null
            wait $child 2>/dev/null
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        return process
    }
}
