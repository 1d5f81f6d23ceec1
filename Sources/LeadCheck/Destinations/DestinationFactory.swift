/// Builds the verification destination for a configured one; shared by `verify` and `cleanup`.
public enum DestinationFactory {
    /// The destination, or an error naming kinds this build cannot verify yet.
    public static func make(_ config: DestinationConfig, client: HTTPClient, fallbackInspectionURL: String? = nil) throws(LeadCheckError) -> any LeadDestination {
        switch config.settings {
        case let .https(url, _, inspection):
            return HTTPSDestination(name: config.name, url: url, inspectionURL: inspection ?? fallbackInspectionURL, client: client)
        case let .azureTable(connection, table):
            return try AzureTableDestination(name: config.name, connection: connection, table: table, client: client)
        default:
            throw .invalidValue(flag: "--destination", value: config.name,
                                expected: "an https or azure-table destination; \(config.kind.rawValue) verification is not in this build yet")
        }
    }
}
