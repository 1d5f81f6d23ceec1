/// The seven customer fields Microsoft sends, in the documented order (docs/reference/lead.md §1).
public enum CustomerField: String, Sendable, Hashable, CaseIterable, Codable {
    /// Given name.
    case firstName = "FirstName"
    /// Family name.
    case lastName = "LastName"
    /// Email address.
    case email = "Email"
    /// Phone number, free-form.
    case phone = "Phone"
    /// Country, an ISO 3166 alpha-2 code in Microsoft's test lead.
    case country = "Country"
    /// Company name.
    case company = "Company"
    /// Job title.
    case title = "Title"
}
