/// One action of a run, as ARM lists them (`GET …/runs/{run}/actions`; [SPEC] example
/// WorkflowRunActionsList.json): status, code, error, and the link to its outputs.
struct WorkflowRunAction: Decodable, Sendable {
    struct Properties: Decodable, Sendable {
        let status: String?
        let code: String?
        let error: WorkflowRun.ServiceError?
        let outputsLink: ContentLink?
    }

    /// A content link: a SAS-signed URL (a secret: it is never printed).
    struct ContentLink: Decodable, Sendable {
        let uri: String?
    }

    /// `{"value":[…]}`.
    struct List: Decodable, Sendable {
        let value: [WorkflowRunAction]
    }

    /// What a failed Parse JSON's outputs hold (docs/reference/flows.md §3 [3P]): `errors[]` with `message` and `path`.
    struct Outputs: Decodable, Sendable {
        struct Problem: Decodable, Sendable {
            let message: String?
            let path: String?
        }

        let errors: [Problem]?
    }

    let name: String?
    let properties: Properties?
}
