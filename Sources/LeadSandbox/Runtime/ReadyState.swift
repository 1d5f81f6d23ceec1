import Foundation
import Synchronization

/// Collects the ports servers report as they start, and builds the endpoints once all have.
final class ReadyState: Sendable {
    private let state = Mutex<(ports: [String: Int], ready: SandboxEndpoints?)>(([:], nil))

    var endpoints: SandboxEndpoints? { state.withLock { $0.ready } }

    /// Records a server's port; returns the endpoints exactly once, when the last one reports.
    func record(name: String, port: Int, total: Int, build: ([String: Int]) -> SandboxEndpoints) -> SandboxEndpoints? {
        state.withLock { state in
            state.ports[name] = port
            guard state.ports.count == total, state.ready == nil else { return nil }
            state.ready = build(state.ports)
            return state.ready
        }
    }
}
