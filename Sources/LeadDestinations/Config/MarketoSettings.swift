import LeadModel
import LeadTransport
import LeadWire

/// A Marketo destination: Partner Center's Munchkin ID, form id, client id and secret
/// (docs/reference/marketo.md §1), and the choices the undocumented connector leaves open.
public struct MarketoSettings: Sendable {
    /// The Munchkin ID, e.g. `123-PQR-789`.
    public var munchkinID: String
    /// The form the connector submits to.
    public var formID: Int
    /// The LaunchPoint custom service's client id.
    public var clientID: String
    /// Its client secret.
    public var clientSecret: Secret
    /// `https://<munchkin>.mktorest.com` unless overridden; REST lives under `/rest`, identity
    /// under `/identity` (docs/reference/marketo.md §2).
    public var baseURL: String
    /// submitForm (default, [INF] today's connector) or sync.
    public var mode: MarketoMode
    /// The REST name of the form's "Lead Source" field.
    public var leadSourceField: String

    /// Creates settings; `baseURL` nil derives it from the Munchkin ID.
    public init(
        munchkinID: String, formID: Int, clientID: String, clientSecret: Secret, baseURL: String? = nil,
        mode: MarketoMode = .submitForm, leadSourceField: String = "leadSource"
    ) {
        self.munchkinID = munchkinID
        self.formID = formID
        self.clientID = clientID
        self.clientSecret = clientSecret
        let base = baseURL ?? "https://\(munchkinID.lowercased()).mktorest.com"
        self.baseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.mode = mode
        self.leadSourceField = leadSourceField
    }
}
