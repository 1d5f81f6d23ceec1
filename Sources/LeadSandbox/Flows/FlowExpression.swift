/// One parsed Workflow Definition Language expression (`triggerBody()?['userDetails']?['email']`),
/// the sandbox's own parser: the client's static checker scans expressions with separate code.
indirect enum FlowExpression: Sendable, Equatable {
    case literal(SandboxJSON)
    case call(name: String, arguments: [FlowExpression])
    /// `base[key]` or `base.key`; `optional` for `?[` / `?.`, which yields null instead of
    /// failing when the property is missing or the base is null.
    case member(base: FlowExpression, key: FlowExpression, optional: Bool)
}
