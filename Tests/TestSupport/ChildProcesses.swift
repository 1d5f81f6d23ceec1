import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Long-lived helper processes started by tests; terminated when the test process exits, since
/// Swift Testing has no global tear-down.
public enum ChildProcesses {
    nonisolated(unsafe) private static var pids: [Int32] = []
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed = false

    /// Remembers a child to terminate (with its process group) at exit.
    public static func register(_ pid: Int32) {
        lock.lock()
        defer { lock.unlock() }
        pids.append(pid)
        if !installed {
            installed = true
            atexit {
                for pid in ChildProcesses.snapshot() { kill(pid, SIGTERM) }
            }
        }
    }

    static func snapshot() -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return pids
    }
}
