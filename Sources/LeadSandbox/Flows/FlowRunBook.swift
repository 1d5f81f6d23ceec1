import Foundation
import Synchronization

/// The flow loaded into the HTTPS sink and the runs it started, shared by the sink (which runs
/// the flow) and the cloud port (which serves the runs through the ARM and Dataverse APIs).
/// Runs are kept in memory, newest last, at most ``capacity``. Thread-safe.
public final class FlowRunBook: Sendable {
    private struct State: Sendable {
        var loaded: (flow: SandboxFlow, options: FlowOptions)?
        var runs: [FlowRun] = []
    }

    private let state: Mutex<State>
    /// A long verify run starts one run per lead; older runs go first.
    static let capacity = 20_000

    /// Creates a book, with a flow loaded or not.
    public init(flow: SandboxFlow? = nil, options: FlowOptions = FlowOptions()) {
        state = Mutex(State(loaded: flow.map { ($0, options) }))
    }

    /// The flow in force and its options.
    var current: (flow: SandboxFlow, options: FlowOptions)? { state.withLock { $0.loaded } }

    /// Loads a flow (replacing any other) or, with nil, returns the sink to plain storage;
    /// the runs of earlier flows stay readable.
    public func load(_ flow: SandboxFlow?, options: FlowOptions = FlowOptions()) {
        state.withLock { $0.loaded = flow.map { ($0, options) } }
    }

    func add(_ run: FlowRun) {
        state.withLock { state in
            state.runs.append(run)
            if state.runs.count > Self.capacity { state.runs.removeFirst(state.runs.count - Self.capacity) }
        }
    }

    /// The runs of `workflow` (case-insensitive, as ARM names are), newest first.
    func runs(of workflow: String) -> [FlowRun] {
        state.withLock { $0.runs.filter { $0.workflow.lowercased() == workflow.lowercased() }.reversed() }
    }

    /// Every run, newest first.
    var all: [FlowRun] { state.withLock { $0.runs.reversed() } }

    /// A new run name in Logic Apps' form (`08586676746934337772206998657CU22`, the spec's example).
    static func newRunID() -> String {
        "08584" + (0..<24).map { _ in String(Int.random(in: 0...9)) }.joined() + "CU"
            + String(format: "%02d", Int.random(in: 0...99))
    }
}
