/// The customer's details. Every field is optional: "not all the data … is always available
/// for each lead" (docs/reference/lead.md §1), and `nil` means absent, which is not the same as "".
public struct CustomerInfo: Sendable, Hashable, Codable {
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// Email address.
    public var email: String?
    /// Phone number.
    public var phone: String?
    /// Country.
    public var country: String?
    /// Company name.
    public var company: String?
    /// Job title.
    public var title: String?

    /// Creates customer info; omitted fields are absent.
    public init(
        firstName: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil,
        country: String? = nil, company: String? = nil, title: String? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.country = country
        self.company = company
        self.title = title
    }

    /// The value of one field, `nil` when absent.
    public subscript(field: CustomerField) -> String? {
        get {
            switch field {
            case .firstName: firstName
            case .lastName: lastName
            case .email: email
            case .phone: phone
            case .country: country
            case .company: company
            case .title: title
            }
        }
        set {
            switch field {
            case .firstName: firstName = newValue
            case .lastName: lastName = newValue
            case .email: email = newValue
            case .phone: phone = newValue
            case .country: country = newValue
            case .company: company = newValue
            case .title: title = newValue
            }
        }
    }
}
