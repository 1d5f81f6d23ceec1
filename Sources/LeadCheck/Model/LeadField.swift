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
    /// The `Source-Action|offer` string.
    case leadSource = "LeadSource"

    /// The customer field this is, if it is one.
    public var customerField: CustomerField? { CustomerField(rawValue: rawValue) }
}
