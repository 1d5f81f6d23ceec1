/// Adapts the inspection API to the server plumbing; it never has faults of its own.
struct InspectionService: SandboxService {
    let api: InspectionAPI
    var kind: FaultTarget { .all }
    var maxBodyBytes: Int { 1 << 20 }
    func handle(_ request: SandboxRequest) async -> SandboxResponse { await api.handle(request) }
    func forcedError(status: Int) -> SandboxResponse { .json(status, #"{"error":"forced"}"#) }
    func throttled() -> SandboxResponse { .json(429, #"{"error":"throttled"}"#) }
    func bodyTooLarge() -> SandboxResponse { .json(413, #"{"error":"body too large"}"#) }
}
