/// Every lead field a destination stores and leadcheck compares: the customer fields plus the
/// lead-level ones. Field-length limits and comparison findings name these.
public enum LeadField: String, Sendable, Hashable, CaseIterable, Codable {
    /// Given name.
    case firstName = "FirstName"
    /// Family name.
    case lastName = "LastName"
    /// Email address.
    case email = "Email"
    /// Phone number.
    case phone = "Phone"
    /// Country.
    case country = "Country"
    /// Company name.
    case company = "Company"
    /// Job title.
    case title = "Title"
    /// Free-text description; carries the run marker.
    case description = "Description"
    /// The lead source as the destination is sent it: `Source-Action|offer`, or the source
    /// alone (HTTPS, whose action and offer travel in their own keys).
    case leadSource = "LeadSource"
    /// The action code (`INS`, `PLT`, …): HTTPS `actionCode`, Azure Table `ActionCode`.
    case actionCode = "ActionCode"
    /// The offer's display title: HTTPS `offerTitle`, Azure Table `OfferDisplayName`.
    case offer = "OfferTitle"
    /// Dataverse's `leadsourcecode` picklist value.
    case leadSourceCode = "LeadSourceCode"

    /// The values every destination is sent for a lead: the customer fields present,
    /// Description, the lead source as the destination spells it, and — where the action and
    /// offer travel in keys of their own (HTTPS, Azure Table) — those.
    public static func common(_ lead: Lead, leadSource: String? = nil, actionAndOffer: Bool = false) -> [LeadField:
        String]
    {
        var out: [LeadField: String] = [:]
        if let description = lead.description { out[.description] = description }
        if let leadSource { out[.leadSource] = leadSource }
        if actionAndOffer {
            out[.actionCode] = lead.pair.action.rawValue
            out[.offer] = lead.offer.title
        }
        for field in CustomerField.allCases {
            if let value = lead.customer[field] { out[LeadField(rawValue: field.rawValue)!] = value }
        }
        return out
    }

    /// The customer field this is, if it is one.
    public var customerField: CustomerField? { CustomerField(rawValue: rawValue) }
}
