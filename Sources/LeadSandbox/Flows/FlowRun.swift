/// One run of the loaded flow, started by a lead the trigger accepted.
struct FlowRun: Sendable {
    /// The run's name (`08584…CU21`), also the trigger history's name.
    let id: String
    let workflow: String
    let correlationID: String
    /// The request's `x-ms-client-tracking-id`, else the run id (docs/reference/flows.md §1).
    let clientTrackingID: String
    let triggerName: String
    let startTime: String
    var endTime: String
    /// `Succeeded`, `Failed`, `Cancelled`.
    var status: String
    var errorCode: String?
    var errorMessage: String?
    var actions: [FlowActionRun]
    /// Random per run: the `sig` of its content links (real ones are SAS-signed URLs).
    let contentSignature: String
}
