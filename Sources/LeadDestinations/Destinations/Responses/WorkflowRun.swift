/// A Logic Apps run as Azure Resource Manager answers `GET …/runs/{run}` and (in `value`) the
/// runs list (docs/reference/flows.md §5; [SPEC] logic.json 2016-06-01, example WorkflowRunsGet.json).
struct WorkflowRun: Decodable, Sendable {
    struct Properties: Decodable, Sendable {
        let status: String?
        let code: String?
        let error: ServiceError?
        let correlation: Correlation?
    }

    struct Correlation: Decodable, Sendable {
        let clientTrackingId: String?
    }

    /// `{"code","message"}`: a run's or an action's error, and ARM's `{"error":{…}}` envelope.
    struct ServiceError: Decodable, Sendable {
        let code: String?
        let message: String?
    }

    /// `{"value":[…]}`.
    struct List: Decodable, Sendable {
        let value: [WorkflowRun]
    }

    /// ARM's error answer.
    struct Refusal: Decodable, Sendable {
        let error: ServiceError?
    }

    /// The run's name: its id.
    let name: String?
    let properties: Properties?
}
