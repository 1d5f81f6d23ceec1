/// One Marketo input record that passed the field checks: its lookup email and the fields to
/// store (mangled by any active data fault).
struct PreparedMarketoLead: Sendable {
    var email: String
    var fields: [String: SandboxJSON]
}
