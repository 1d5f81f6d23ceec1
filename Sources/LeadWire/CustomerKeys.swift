import LeadModel

/// The spelling of the seven customer-field keys in one JSON encoding.
public struct CustomerKeys: Sendable {
    /// Key of FirstName.
    public let firstName: StaticString
    /// Key of LastName.
    public let lastName: StaticString
    /// Key of Email.
    public let email: StaticString
    /// Key of Phone.
    public let phone: StaticString
    /// Key of Country.
    public let country: StaticString
    /// Key of Company.
    public let company: StaticString
    /// Key of Title.
    public let title: StaticString

    /// Microsoft's PascalCase names (HTTPS `UserDetails`, Azure `CustomerInfo`).
    public static let pascal = CustomerKeys(
        firstName: "FirstName", lastName: "LastName", email: "Email", phone: "Phone", country: "Country",
        company: "Company", title: "Title")
    /// camelCase names (leadcheck's record, Marketo's REST names, the camel HTTPS option).
    public static let camel = CustomerKeys(
        firstName: "firstName", lastName: "lastName", email: "email", phone: "phone", country: "country",
        company: "company", title: "title")
}
