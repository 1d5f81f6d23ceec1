/// The bounded, documented list of finding codes (docs/results.md). Transport failures keep the
/// transport's own codes; the rest describe what a destination did with a lead.
public enum FindingCode: String, Sendable, Codable, CaseIterable {
    /// The host name did not resolve.
    case dnsFailed = "dns.failed"
    /// Nothing accepted the connection.
    case connectRefused = "connect.refused"
    /// The connection was not established in time.
    case connectTimeout = "connect.timeout"
    /// The certificate chain is not trusted.
    case tlsUntrusted = "tls.untrusted"
    /// The certificate does not name the host.
    case tlsHostname = "tls.hostname"
    /// The certificate is expired or not yet valid.
    case tlsExpired = "tls.expired"
    /// The TLS handshake failed otherwise.
    case tlsHandshake = "tls.handshake"
    /// Warning: the certificate expires within 30 days.
    case tlsExpiringSoon = "tls.expiring-soon"
    /// Warning: TLS verification was switched off.
    case tlsInsecure = "tls.insecure"
    /// The request did not complete in time.
    case httpTimeout = "http.timeout"
    /// The response body exceeded the cap.
    case httpBodyTooLarge = "http.body-too-large"
    /// The answer was not valid HTTP or was cut off.
    case httpProtocol = "http.protocol"
    /// The destination redirected.
    case httpRedirect = "http.redirect"
    /// The URL is not a valid http(s) URL.
    case urlInvalid = "url.invalid"
    /// Another transport failure.
    case transportFailed = "transport.failed"
    /// The request was cancelled before it finished (the run was interrupted or shut down).
    case requestCancelled = "request.cancelled"
    /// The service rejected the request's date, or its clock is far from ours.
    case clockSkew = "clock.skew"
    /// Credentials were refused.
    case authRejected = "auth.rejected"
    /// The credentials work but lack a privilege the connector (or read-back) needs.
    case permissionMissing = "permission.missing"
    /// The destination refuses Microsoft's connector by policy, whatever the credentials: a
    /// storage firewall, shared key access disabled, a flow only tenant users may trigger.
    case accessBlocked = "access.blocked"
    /// The destination is configured in a way leadcheck cannot verify (e.g. Dynamics Office 365
    /// sign-in).
    case configUnsupported = "config.unsupported"
    /// A Marketo form lacks a field the connector sends.
    case formFieldMissing = "form.field-missing"
    /// A daily allowance is used up (Marketo 607, Salesforce `REQUEST_LIMIT_EXCEEDED`); a Web-to-Lead
    /// submission over its 500 a day shows as `readback.missing`, since the servlet still says 200.
    case quotaExceeded = "quota.exceeded"
    /// Warning: a value longer than the destination stores is about to be sent.
    case fieldOverLimit = "field.over-limit"
    /// A status Microsoft's connector treats as failure.
    case httpStatus = "http.status"
    /// The destination throttled.
    case throttled
    /// The destination refused the lead itself.
    case deliverRejected = "deliver.rejected"
    /// The lead was acknowledged but is not stored.
    case readbackMissing = "readback.missing"
    /// The lead's marker is not stored, but records with blank customer fields appeared during
    /// the run: the flow behind an HTTPS endpoint reads keys the payload does not have.
    case readbackBlank = "readback.blank"
    /// The lead was stored but may not be read back with these credentials (a write-only
    /// account); a warning: what Microsoft's connector needs works.
    case readbackDenied = "readback.denied"
    /// Reading the lead back failed.
    case readbackFailed = "readback.failed"
    /// A stored field was cut short.
    case fieldTruncated = "field.truncated"
    /// A stored field was re-encoded (mojibake, re-normalisation).
    case fieldMangled = "field.mangled"
    /// A sent field was not stored.
    case fieldMissing = "field.missing"
    /// A stored field has another value.
    case fieldChanged = "field.changed"
    /// The flow behind an HTTPS endpoint refuses Microsoft's POST: a trigger only tenant users may
    /// call, a method other than POST, or no HTTP request trigger (docs/reference/flows.md §2).
    case flowTrigger = "flow.trigger"
    /// The trigger's Schema Validation refuses leads Microsoft sends (400
    /// `TriggerInputSchemaMismatch`, docs/reference/flows.md §1, §3).
    case flowSchema = "flow.schema"
    /// A Parse JSON action's schema refuses leads Microsoft sends (`ValidationFailed`, docs/reference/flows.md §3).
    case flowParseJSON = "flow.parse-json"
    /// An expression reads a lead field without `?` where leads may lack it (`InvalidTemplate`).
    case flowExpression = "flow.expression"
    /// Warning: an expression reads a key in a casing Microsoft does not send.
    case flowKeyCasing = "flow.key-casing"
    /// Warning: an expression reads a key no lead Microsoft sends has: the value is always empty.
    case flowKeyUnsent = "flow.key-unsent"
    /// Partner Center refuses this configured value (`lint`, docs/reference/partner-center.md §1).
    case configRejected = "config.rejected"
    /// The destination type is retired: Microsoft no longer sends leads there (Azure Blob).
    case configRetired = "config.retired"
    /// Warning: Microsoft deprecated this (office365 sign-in, Test Drive).
    case configDeprecated = "config.deprecated"
    /// The flow accepts every lead and keeps nothing of it: no action that stores reads a value
    /// Microsoft sends.
    case flowKeepsNothing = "flow.keeps-nothing"
    /// A Response action answers non-2xx, or may be skipped (502) or wait (504).
    case flowResponse = "flow.response"
    /// The run the lead started in the endpoint's flow ended without success (`run:`).
    case flowRunFailed = "flow.run-failed"
    /// No run was found for the lead (`run:`): a wrong workflow, or a Power Automate flow outside
    /// a solution, whose runs Dataverse does not keep.
    case flowRunMissing = "flow.run-missing"
    /// The lead's run had not ended within the read-back timeout (`run:`).
    case flowRunUnfinished = "flow.run-unfinished"
    /// The flow's runs could not be read with the `run:` credentials.
    case flowRunUnreadable = "flow.run-unreadable"
    /// The test lead could not be removed.
    case cleanupFailed = "cleanup.failed"
    /// The test lead was not found to remove where leads appear asynchronously (Web-to-Lead, a
    /// flow): it may still be created, so it stays in the journal for a later cleanup.
    case cleanupPending = "cleanup.pending"

    /// Whether the destination could not be reached (JUnit `<error>`, exit 3) rather than
    /// answered wrongly (`<failure>`, exit 4).
    public var isReachability: Bool {
        switch self {
        case .dnsFailed, .connectRefused, .connectTimeout, .tlsUntrusted, .tlsHostname, .tlsExpired, .tlsHandshake,
            .httpTimeout, .httpProtocol, .urlInvalid, .transportFailed, .requestCancelled, .httpBodyTooLarge:
            true
        default:
            false
        }
    }
}
