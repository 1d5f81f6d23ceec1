import LeadModel

/// What one property-read chain gives for one lead.
struct ReadOutcome: Sendable {
    /// The value read (nil: null or absent), when the read did not fail.
    var value: JSONValue?
    /// Why the expression fails (`InvalidTemplate`), when it does.
    var failure: String?
    /// Whether the base could be evaluated at all (an action leadcheck does not model: no).
    var known = true
    /// Steps whose key was found only in another casing: (step, the key as sent).
    var casings: [(step: Int, sent: String)] = []
    /// Steps evaluated on an object: (step, whether the key was there as written, whether it
    /// was there in some casing).
    var lookups: [(step: Int, exact: Bool, found: Bool)] = []
}
