/// One injected fault, `KIND:NAME[=VALUE]` on the command line. Each behaves as the
/// real service does in that situation, so `verify` must report the finding that matches it.
public struct Fault: Sendable, Hashable, CustomStringConvertible {
    /// What the fault does.
    public enum Effect: Sendable, Hashable {
        /// Delay every response.
        case latency(milliseconds: Int)
        /// Answer every request with this status (the service's own error shape).
        case status(Int)
        /// Answer the first N requests with a 500, then behave.
        case failFirst(Int)
        /// Close the connection in the middle of the response.
        case drop
        /// Throttle: 429 with Retry-After (Marketo: HTTP 200 with error 606) — every request, or
        /// only the first N (a transient overload a client should wait out).
        case throttle(first: Int?)
        /// Tokens expire once (Marketo 602, Dataverse 401).
        case tokenExpired
        /// The service's clock is an hour off, so dated requests fail their skew check.
        case clockSkew
        /// Store every value cut to N characters (UTF-16 units) — or, without N, to the strictest
        /// destination limit of its field (which only the `limits` leads reach).
        case truncate(to: Int?)
        /// Store UTF-8 decoded as Latin-1.
        case mojibake
        /// Serve an expired certificate (with `--tls`).
        case tlsExpired
        /// Serve a certificate for another host name (with `--tls`).
        case tlsWrongHost
        /// Serve a certificate from a CA nobody trusts (with `--tls`).
        case tlsUntrusted
        /// HTTPS sink: require `sig=VALUE`, answering 401 like Logic Apps otherwise.
        case requireSig(String)
        /// HTTPS sink: a trigger only users of the tenant may call (401 without a token).
        case tenantOnly
        /// HTTPS sink: Schema Validation on, with every key of the docs' PascalCase sample required.
        case schemaValidation
        /// HTTPS sink: store what a flow reading these keys would store — case-sensitive reads
        /// (`triggerBody()?['UserDetails']?['FirstName']`), blank where the key is not there.
        case reads(FlowKeyCasing)
        /// Azure Table: the account's firewall admits only selected networks (403
        /// `AuthorizationFailure`), which shuts Microsoft's connector out too.
        case firewall
        /// Azure Table: shared key access is disabled on the account (403
        /// `KeyBasedAuthenticationNotPermitted`); a connection string cannot work.
        case sharedKeyDisabled
        /// Salesforce: `lead_source` is a restricted picklist.
        case restrictedPicklist
        /// Salesforce: the configured org id differs from the one posted.
        case wrongOrgID
        /// Salesforce: 500 Web-to-Lead requests a day, then the pending queue.
        case dailyLimit
        /// Dynamics: the Lead Writer role may write leads but not read or delete them.
        case writeOnly
        /// Dynamics: the app registration has no application user in the environment.
        case noApplicationUser
        /// Entra: the client secret has expired (AADSTS7000222).
        case secretExpired
        /// Dynamics: the role lacks create privilege on `leadsourcecode`.
        case missingPrivilege
        /// Marketo: the form lacks this field.
        case missingField(String)
    }

    /// The service it applies to.
    public var target: FaultTarget
    /// What it does.
    public var effect: Effect
    /// The spec it was parsed from.
    public var description: String
}
