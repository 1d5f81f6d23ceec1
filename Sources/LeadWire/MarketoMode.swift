import LeadModel

/// Which Marketo REST call delivers a lead.
public enum MarketoMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// `POST /rest/v1/leads/submitForm.json`: most likely today's connector, since the docs
    /// require the "Lead Source" field *on the form* ([INF], docs/reference/marketo.md §1).
    case submitForm = "submit-form"
    /// `POST /rest/v1/leads.json` (Sync Leads).
    case sync
}
