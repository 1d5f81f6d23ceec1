/// A bearer token and when leadcheck stops using it.
struct AccessToken: Sendable {
    /// The token.
    var value: String
    /// A minute before the service says it expires (or halfway, for short lives), so a request
    /// never leaves with a token that dies on the way.
    var renewAt: ContinuousClock.Instant

    /// A token the service says lives `expiresIn` seconds from now.
    init(value: String, expiresIn seconds: Int) {
        self.value = value
        let margin = min(60, max(0, seconds) / 2)
        renewAt = ContinuousClock.now + .seconds(max(0, seconds - margin))
    }
}
