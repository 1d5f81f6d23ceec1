import Foundation

/// Collects the ports servers report as they start, and builds the endpoints once all have.
final class ReadyState: @unchecked Sendable {
    private let lock = NSLock()
    private var ports: [String: Int] = [:]
    private var ready: SandboxEndpoints?

    var endpoints: SandboxEndpoints? {
        lock.lock()
        defer { lock.unlock() }
        return ready
    }

    /// Records a server's port; returns the endpoints exactly once, when the last one reports.
    func record(name: String, port: Int, total: Int, build: ([String: Int]) -> SandboxEndpoints) -> SandboxEndpoints? {
        lock.lock()
        defer { lock.unlock() }
        ports[name] = port
        guard ports.count == total, ready == nil else { return nil }
        ready = build(ports)
        return ready
    }
}
