import LeadModel

/// Says which emails a destination holds leads for (`reconcile`).
public protocol StoredEmailLookup: NamedDestination {
    /// Which of `emails` this destination holds a lead for.
    func storedEmails(among emails: [String]) async -> EmailPresence
}

extension StoredEmailLookup {
    /// Not searchable by email.
    public func storedEmails(among emails: [String]) async -> EmailPresence {
        .unsupported("\(kind.rawValue) destinations cannot be looked up by email")
    }
}
