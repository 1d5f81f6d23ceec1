/// The Marketo instance and LaunchPoint service the sandbox accepts (Partner Center's inputs,
/// docs/reference/marketo.md §1).
public struct MarketoCredentials: Sendable, Codable, Hashable {
    /// The Munchkin ID.
    public var munchkinID: String
    /// The form Microsoft submits to.
    public var formID: Int
    /// The custom service's client id.
    public var clientID: String
    /// The custom service's client secret (a sandbox value).
    public var clientSecret: String
    /// The REST names of the fields on the form (the docs require "Lead Source" among them).
    public var formFields: [String]

    /// Fixed sandbox values; the form carries every field the connector sends.
    public static let sandbox = MarketoCredentials(
        munchkinID: "123-PQR-789", formID: 1179, clientID: "sandbox-marketo-client-id",
        clientSecret: "sandbox-marketo-client-secret",
        formFields: ["firstName", "lastName", "email", "phone", "country", "company", "title", "leadSource"]
    )
}
