import LeadModel
import LeadTransport

/// Builds the verification destination for a configured one; shared by `verify` and `cleanup`.
public enum DestinationFactory {
    /// The destination (an error only for an Azure key that is not base64). `all` lets an
    /// HTTPS destination's `readback:` name another configured destination; `httpsCase` (the
    /// `--https-case` flag) overrides an HTTPS destination's `payloadCase`.
    public static func make(_ config: DestinationConfig, client: HTTPClient, fallbackInspectionURL: String? = nil,
                            all: [DestinationConfig] = [], httpsCase: JSONKeyCase? = nil) throws(LeadCheckError) -> any LeadDestination {
        // Each destination counts its own requests over the shared connections.
        let client = client.counted()
        switch config.settings {
        case let .https(settings):
            var target: (any LeadDestination)?
            if let readback = settings.readback, let other = all.first(where: { $0.name == readback }) {
                target = try make(other, client: client, fallbackInspectionURL: fallbackInspectionURL)
            }
            var wire = WireOptions()
            wire.https.keyCase = httpsCase ?? settings.payloadCase ?? .camel
            return HTTPSDestination(name: config.name, url: settings.url, inspectionURL: target == nil ? (settings.inspectionURL ?? fallbackInspectionURL) : nil,
                                    readbackDestination: target, readbackTimeoutMilliseconds: settings.readbackTimeoutMilliseconds, client: client, wire: wire,
                                    flow: settings.flow, run: settings.run)
        case let .azureTable(connection, table):
            return try AzureTableDestination(name: config.name, connection: connection, table: table, client: client)
        case let .dynamics(settings):
            return DynamicsDestination(name: config.name, settings: settings, client: client)
        case let .marketo(settings):
            return MarketoDestination(name: config.name, settings: settings, client: client)
        case let .salesforce(settings):
            return SalesforceDestination(name: config.name, settings: settings, client: client)
        }
    }
}
