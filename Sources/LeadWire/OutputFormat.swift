import LeadModel

/// The formats `leadcheck generate` writes.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// A JSON array of lead records.
    case json
    /// One lead record per line.
    case ndjson
    /// RFC 4180 CSV with a header row.
    case csv
    /// One HTTPS-endpoint JSON body per line.
    case https
    /// One Azure Table entity JSON body per line.
    case azureTable = "azure-table"
    /// One Dataverse `lead` JSON body per line.
    case dynamics
    /// One Marketo submitForm (or sync) JSON body per line.
    case marketo
    /// One Web-to-Lead form body per line (form encoding never contains a raw newline).
    case salesforce

    /// The encoder for one record of this format.
    public func encoder(_ options: WireOptions) -> any LeadEncoder {
        let format = options.leadSourceFormat
        switch self {
        case .json, .ndjson: return CanonicalLeadEncoder(leadSourceFormat: format)
        case .csv: return CSVLeadEncoder(leadSourceFormat: format)
        case .https: return HTTPSLeadEncoder(options: options.https, leadSourceFormat: format)
        case .azureTable: return AzureTableEntityEncoder(options: options.azureTable, leadSourceFormat: format)
        case .dynamics: return DynamicsLeadEncoder(options: options.dynamics, leadSourceFormat: format)
        case .marketo: return MarketoLeadEncoder(options: options.marketo, leadSourceFormat: format)
        case .salesforce: return SalesforceWebToLeadEncoder(options: options.salesforce, leadSourceFormat: format)
        }
    }

    /// The file name ending for this format's output.
    public var fileExtension: String {
        switch self {
        case .json: "json"
        case .ndjson: "ndjson"
        case .csv: "csv"
        case .salesforce: "salesforce.form"
        default: "\(rawValue).ndjson"
        }
    }
}
