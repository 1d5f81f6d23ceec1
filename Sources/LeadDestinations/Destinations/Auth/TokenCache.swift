import LeadTransport

/// Bearer tokens for one destination: fetched once, shared by every concurrent lead, reused
/// until shortly before expiry, renewed when the service says the token is no longer good.
/// Every token it ever held is remembered so output can mask it.
actor TokenCache {
    /// Fetches a new token.
    typealias Fetch = @Sendable () async -> Result<AccessToken, FindingsFailure>

    private let fetch: Fetch
    private var current: AccessToken?
    private var pending: Task<Result<AccessToken, FindingsFailure>, Never>?
    private var issued: [String] = []
    /// How many tokens were fetched (tests prove reuse with it).
    private(set) var fetches = 0

    init(fetch: @escaping Fetch) { self.fetch = fetch }

    /// A usable token: the cached one, or one fetch shared by every caller waiting for it.
    func token() async -> Result<String, FindingsFailure> {
        if let current, ContinuousClock.now < current.renewAt { return .success(current.value) }
        let task: Task<Result<AccessToken, FindingsFailure>, Never>
        if let pending {
            task = pending
        } else {
            let fetch = self.fetch
            task = Task { await fetch() }
            pending = task
            fetches += 1
        }
        let result = await task.value
        if pending == task { pending = nil }
        switch result {
        case .success(let token):
            if !issued.contains(token.value) { issued.append(token.value) }
            current = token
            return .success(token.value)
        case .failure(let failure):
            return .failure(failure)
        }
    }

    /// Drops `value` if it is the cached token, so the next ``token()`` fetches a new one.
    func invalidate(_ value: String) {
        if current?.value == value { current = nil }
    }

    /// `text` with every token this cache held masked.
    func redact(_ text: String) -> String {
        issued.reduce(text) { $0.replacingOccurrences(of: $1, with: Redactor.mask) }
    }
}
