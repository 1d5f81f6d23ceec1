/// What one action did in a run, as the runs API reports it (`…/runs/{run}/actions`).
struct FlowActionRun: Sendable {
    let name: String
    let type: String
    /// `Succeeded`, `Failed`, `Skipped`, `Cancelled`.
    let status: String
    /// `OK`, `InvalidTemplate`, `ValidationFailed`, `ActionFailed`, `ActionSkipped`…
    let code: String
    let errorMessage: String?
    let startTime: String
    let endTime: String
    /// What the action produced (Parse JSON's `errors[]` when it failed), served through the
    /// action's `outputsLink`.
    let outputs: SandboxJSON?
}
