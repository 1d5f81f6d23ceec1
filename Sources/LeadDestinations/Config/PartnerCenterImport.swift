import Foundation
import LeadModel
import LeadTransport

/// Reads a Partner Center `customer-leads` resource (docs/reference/partner-center.md §4) — `leadDestination`
/// plus its `*LeadConfiguration` — into the one destination it describes, so `verify` checks
/// exactly what Partner Center will write to.
///
/// Partner Center holds only what Microsoft's connector needs; what leadcheck needs besides
/// (read-back credentials, token URLs, a non-production Web-to-Lead URL) comes from the config's
/// destination of the same type, else from `LEADCHECK_*` environment variables. Field names
/// follow the product-ingestion model (`cloudpub` `ms_azure.py`); the older ingestion SDK's
/// snake_case names are accepted too. The 2022 Marketo UI's Client ID/Secret have no documented
/// API names: `clientId`/`clientSecret` are read when present [INF].
public enum PartnerCenterImport {
    /// Largest document accepted.
    public static let maxBytes = 1 << 20

    /// The destination the document describes. `file` names it in errors and secret sources.
    public static func destination(from data: Data, file: String, base: LeadCheckConfig?, environment: [String: String])
        throws(LeadCheckError) -> DestinationConfig
    {
        guard data.count <= maxBytes else {
            throw .invalidInput(location: file, reason: "the document is larger than \(maxBytes) bytes")
        }
        guard let top = try? JSONDecoder().decode(JSONObject.self, from: data) else {
            throw .invalidInput(
                location: file, reason: "not a JSON object (expected a Partner Center customer-leads resource)")
        }
        let resource = try customerLeads(in: top, file: file)
        guard let destination = resource["leadDestination"]?.string else {
            throw .invalidInput(
                location: file,
                reason: "no 'leadDestination' (one of httpsEndpoint, table, dynamics, marketo, salesforce)")
        }
        func section(_ names: String...) throws(LeadCheckError) -> Fields {
            for name in names {
                if let object = resource[name]?.object { return Fields(object: object, path: name, file: file) }
            }
            throw .invalidInput(
                location: file, reason: "leadDestination is '\(destination)' but '\(names[0])' is missing")
        }
        let sameKind = { (kind: DestinationKind) in base?.destinations.first { $0.kind == kind }?.settings }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func missing(_ what: String, _ variable: String) -> LeadCheckError {
            .invalidInput(
                location: file,
                reason:
                    "\(what) is not in Partner Center's configuration: add a \(destination) destination to --config, or set \(variable)"
            )
        }

        switch destination {
        case "httpsEndpoint":
            let fields = try section("httpsEndpointLeadConfiguration")
            let url = try fields.secret("httpsEndpointUrl", "https_endpoint_url")
            var settings = HTTPSSettings(url: url)
            if case .https(let configured)? = sameKind(.https) {
                settings.inspectionURL = configured.inspectionURL
                settings.readbackTimeoutMilliseconds = configured.readbackTimeoutMilliseconds
                settings.payloadCase = configured.payloadCase
            }
            return DestinationConfig(name: "partner-center", kind: .https, settings: .https(settings))
        case "table":
            let fields = try section("tableLeadConfiguration")
            let secret = try fields.secret("storageAccountConnectionString", "storage_account_connection_string")
            let connection: AzureConnectionString
            do { connection = try AzureConnectionString(parsing: secret) } catch {
                throw .invalidInput(
                    location: "\(file): tableLeadConfiguration.storageAccountConnectionString", reason: error.message)
            }
            return DestinationConfig(
                name: "partner-center", kind: .azureTable,
                settings: .azureTable(connectionString: connection, table: "MarketplaceLeads"))
        case "dynamics":
            let fields = try section("dynamicsLeadConfiguration")
            let configured: DynamicsSettings? = if case .dynamics(let s)? = sameKind(.dynamics) { s } else { nil }
            let authenticationText = fields.string("authentication") ?? "azureAD"
            guard let authentication = DynamicsSettings.Authentication(rawValue: authenticationText) else {
                throw .invalidInput(
                    location: "\(file): dynamicsLeadConfiguration.authentication",
                    reason: "'\(authenticationText)' is not azureAD or office365")
            }
            guard let instance = fields.string("instanceUrl", "uri") else {
                throw .invalidInput(location: "\(file): dynamicsLeadConfiguration", reason: "'instanceUrl' is missing")
            }
            var settings = DynamicsSettings(
                instanceURL: instance, authentication: authentication,
                tenantID: fields.string("directoryId", "directory_id"),
                clientID: fields.string("applicationId", "application_id"),
                clientSecret: fields.optionalSecret("applicationKey", "application_key"),
                username: fields.string("username", "user_name"), password: fields.optionalSecret("password"),
                tokenURL: configured?.tokenURL ?? env("LEADCHECK_DYNAMICS_TOKEN_URL"),
                leadSourceCode: configured?.leadSourceCode ?? 8
            )
            if authentication == .azureAD {
                if settings.tenantID == nil { throw missing("the Directory ID (directoryId)", "it in the document") }
                if settings.clientID == nil {
                    throw missing("the Application ID (applicationId)", "it in the document")
                }
                if settings.clientSecret == nil {
                    guard let secret = env("LEADCHECK_DYNAMICS_CLIENT_SECRET") else {
                        throw missing("the client secret (applicationKey)", "LEADCHECK_DYNAMICS_CLIENT_SECRET")
                    }
                    settings.clientSecret = Secret(secret, source: "LEADCHECK_DYNAMICS_CLIENT_SECRET")
                }
            }
            return DestinationConfig(name: "partner-center", kind: .dynamics, settings: .dynamics(settings))
        case "marketo":
            let fields = try section("marketoLeadConfiguration")
            let configured: MarketoSettings? = if case .marketo(let s)? = sameKind(.marketo) { s } else { nil }
            guard let munchkin = fields.string("munchkinId", "munchkin_account_id") else {
                throw .invalidInput(location: "\(file): marketoLeadConfiguration", reason: "'munchkinId' is missing")
            }
            guard let formText = fields.string("formId", "form_id"), let form = Int(formText), form > 0 else {
                throw .invalidInput(
                    location: "\(file): marketoLeadConfiguration.formId", reason: "expected a form number")
            }
            guard
                let clientID = fields.string("clientId", "client_id") ?? configured?.clientID
                    ?? env("LEADCHECK_MARKETO_CLIENT_ID")
            else {
                throw missing("the Client ID", "LEADCHECK_MARKETO_CLIENT_ID")
            }
            guard
                let secret = fields.optionalSecret("clientSecret", "client_secret") ?? configured?.clientSecret
                    ?? env("LEADCHECK_MARKETO_CLIENT_SECRET").map({
                        Secret($0, source: "LEADCHECK_MARKETO_CLIENT_SECRET")
                    })
            else {
                throw missing("the Client Secret", "LEADCHECK_MARKETO_CLIENT_SECRET")
            }
            // A configured base URL only applies to the same instance.
            let base = configured?.munchkinID == munchkin ? configured?.baseURL : env("LEADCHECK_MARKETO_BASE_URL")
            return DestinationConfig(
                name: "partner-center", kind: .marketo,
                settings: .marketo(
                    MarketoSettings(
                        munchkinID: munchkin, formID: form, clientID: clientID, clientSecret: secret, baseURL: base,
                        mode: configured?.mode ?? .submitForm,
                        leadSourceField: configured?.leadSourceField ?? "leadSource"
                    )))
        case "salesforce":
            let fields = try section("salesforceLeadConfiguration", "salesForceLeadConfiguration")
            let configured: SalesforceSettings? = if case .salesforce(let s)? = sameKind(.salesforce) { s } else { nil }
            guard let oid = fields.string("objectIdentifier", "object_identifier", "oid") else {
                throw .invalidInput(
                    location: "\(file): salesforceLeadConfiguration",
                    reason: "'objectIdentifier' (the org id) is missing")
            }
            guard let instance = configured?.instanceURL ?? env("LEADCHECK_SF_INSTANCE_URL") else {
                throw missing("The read-back instance URL", "LEADCHECK_SF_INSTANCE_URL")
            }
            guard let clientID = configured?.clientID ?? env("LEADCHECK_SF_CLIENT_ID") else {
                throw missing("The read-back client id", "LEADCHECK_SF_CLIENT_ID")
            }
            guard
                let secret = configured?.clientSecret
                    ?? env("LEADCHECK_SF_CLIENT_SECRET").map({ Secret($0, source: "LEADCHECK_SF_CLIENT_SECRET") })
            else {
                throw missing("The read-back client secret", "LEADCHECK_SF_CLIENT_SECRET")
            }
            return DestinationConfig(
                name: "partner-center", kind: .salesforce,
                settings: .salesforce(
                    SalesforceSettings(
                        orgID: oid,
                        webToLeadURL: configured?.webToLeadURL ?? env("LEADCHECK_SF_WEB_TO_LEAD_URL")
                            ?? SalesforceSettings.productionWebToLeadURL,
                        instanceURL: instance, clientID: clientID, clientSecret: secret, tokenURL: configured?.tokenURL,
                        readbackTimeoutMilliseconds: configured?.readbackTimeoutMilliseconds ?? 120_000
                    )))
        case "none", "email", "blob":
            throw .invalidInput(
                location: file,
                reason:
                    "leadDestination '\(destination)' is not a destination leadcheck can verify (Microsoft emails or stores those leads itself)"
            )
        default:
            throw .invalidInput(
                location: file,
                reason:
                    "unknown leadDestination '\(destination)'; expected httpsEndpoint, table, dynamics, marketo or salesforce"
            )
        }
    }

    /// The customer-leads resource: the document itself, or the one inside a configure
    /// document's `resources`.
    static func customerLeads(in top: JSONObject, file: String) throws(LeadCheckError) -> JSONObject {
        if top["leadDestination"] != nil { return top }
        if case .array(let items)? = top["resources"] {
            let leads = items.compactMap(\.object).filter {
                ($0["$schema"]?.string ?? "").contains("customer-leads") || $0["leadDestination"] != nil
            }
            guard leads.count == 1 else {
                throw .invalidInput(
                    location: file,
                    reason: leads.isEmpty
                        ? "no customer-leads resource among 'resources'"
                        : "\(leads.count) customer-leads resources; keep one")
            }
            return leads[0]
        }
        throw .invalidInput(location: file, reason: "not a customer-leads resource (no 'leadDestination')")
    }

    /// One `*LeadConfiguration` object; every secret read from it is a ``Secret`` named after
    /// its place in the file.
    struct Fields {
        let object: JSONObject
        let path: String
        let file: String

        func string(_ names: String...) -> String? {
            for name in names {
                if let value = object[name]?.string, !value.isEmpty { return value }
                if case .number? = object[name] { return object[name]?.text }
            }
            return nil
        }

        func optionalSecret(_ names: String...) -> Secret? {
            for name in names {
                if let value = object[name]?.string, !value.isEmpty {
                    return Secret(value, source: "\(file): \(path).\(name)")
                }
            }
            return nil
        }

        func secret(_ names: String...) throws(LeadCheckError) -> Secret {
            for name in names {
                if let value = object[name]?.string, !value.isEmpty {
                    return Secret(value, source: "\(file): \(path).\(name)")
                }
            }
            throw .invalidInput(location: "\(file): \(path)", reason: "'\(names[0])' is missing")
        }
    }
}
