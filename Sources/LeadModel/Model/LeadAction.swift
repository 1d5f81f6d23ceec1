/// What the customer did: the second half of `Source-Action` (docs/reference/lead.md §1).
public enum LeadAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Installation / "Get it now".
    case install = "INS"
    /// Partner-led trial: AppSource "Contact me".
    case partnerLedTrial = "PLT"
    /// Do not contact: a cross-listed partner was asked to make contact instead.
    case doNotContact = "DNC"
    /// An Azure portal purchase.
    case create = "Create"
    /// A Test Drive was started.
    case startTestDrive = "StartTestDrive"
}
