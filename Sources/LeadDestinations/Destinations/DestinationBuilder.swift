import LeadModel
import LeadTransport
import LeadWire

/// Builds the destinations of one `leadcheck.yaml` for every command that touches them
/// (`verify`, `send`, `cleanup`, and those to come): always from the whole config, so an HTTPS
/// destination read back through another (`readback:`) keeps it wherever it is built, with one
/// redactor that masks every secret the config holds (and the Azurite development key), and
/// one HTTP client.
public struct DestinationBuilder: Sendable {
    /// The whole config the destinations come from.
    public let config: LeadCheckConfig
    /// Masks every secret of the config, in every output.
    public let redactor: Redactor
    /// The shared client; each destination counts its own requests over it.
    public let client: HTTPClient
    /// The sandbox's inspection API, for `verify --sandbox`'s HTTPS destination.
    public let fallbackInspectionURL: String?
    /// `--https-case`, overriding an HTTPS destination's `payloadCase`.
    public let httpsCase: JSONKeyCase?

    /// A builder over `config`; `extraSecrets` are masked too (a Partner Center import's).
    public init(
        config: LeadCheckConfig, transport: TransportOptions, extraSecrets: [Secret] = [],
        fallbackInspectionURL: String? = nil, httpsCase: JSONKeyCase? = nil
    ) throws(LeadCheckError) {
        var redactor = Redactor(secrets: config.secrets + extraSecrets)
        redactor.add(Secret(AzureConnectionString.developmentKeyValue, source: "development key"))
        self.config = config
        self.redactor = redactor
        client = try HTTPClient(options: transport, redactor: redactor)
        self.fallbackInspectionURL = fallbackInspectionURL
        self.httpsCase = httpsCase
    }

    /// The destination named `name`, or an input error naming `source` (a journal, a flag) that
    /// asked for it.
    public func make(named name: String, askedBy source: String) throws(LeadCheckError) -> any LeadDestination {
        guard let configured = config.destinations.first(where: { $0.name == name }) else {
            throw .invalidInput(
                location: source, reason: "names destination '\(name)', which the config does not define")
        }
        return try make(configured)
    }

    /// The destination for one configured entry (an error only for an Azure key that is not
    /// base64).
    public func make(_ destination: DestinationConfig) throws(LeadCheckError) -> any LeadDestination {
        // Each destination counts its own requests over the shared connections.
        let client = client.counted()
        switch destination.settings {
        case .https(let settings):
            var target: (any LeadDestination)?
            if let readback = settings.readback {
                guard let other = config.destinations.first(where: { $0.name == readback }) else {
                    throw .invalidInput(
                        location: destination.name,
                        reason: "readback: names '\(readback)', which the config does not define")
                }
                target = try make(other)
            }
            var wire = WireOptions()
            wire.https.keyCase = httpsCase ?? settings.payloadCase ?? .camel
            return HTTPSDestination(
                name: destination.name, url: settings.url,
                inspectionURL: target == nil ? (settings.inspectionURL ?? fallbackInspectionURL) : nil,
                readbackDestination: target, readbackTimeoutMilliseconds: settings.readbackTimeoutMilliseconds,
                client: client, wire: wire,
                flow: settings.flow, run: settings.run)
        case .azureTable(let connection, let table):
            return try AzureTableDestination(
                name: destination.name, connection: connection, table: table, client: client)
        case .dynamics(let settings):
            return DynamicsDestination(name: destination.name, settings: settings, client: client)
        case .marketo(let settings):
            return MarketoDestination(name: destination.name, settings: settings, client: client)
        case .salesforce(let settings):
            return SalesforceDestination(name: destination.name, settings: settings, client: client)
        }
    }
}
