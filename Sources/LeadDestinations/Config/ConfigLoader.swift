import Foundation
import LeadFiles
import LeadModel
import LeadTransport
import Yams

/// Reads `leadcheck.yaml` into a ``LeadCheckConfig``. Every error names the file, line and
/// column, the field and what was expected, and exits 2 (`input.invalid`).
public enum ConfigLoader {
    /// Largest config file accepted.
    public static let maxBytes = 1 << 20

    /// Loads and validates the file at `path`, interpolating from `environment`.
    public static func load(path: String, environment: [String: String]) throws(LeadCheckError) -> LeadCheckConfig {
        let data = try InputFile.read(path, maxBytes: maxBytes)
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidInput(location: path, reason: "the file is not valid UTF-8")
        }
        var config = try parse(text, file: path, environment: environment)
        // A secret written into the file itself (not a ${VARIABLE}) is as exposed as the file.
        let literal = config.secrets.filter { $0.source.hasPrefix(path + ":") }
        if !literal.isEmpty, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
        {
            config.warnings.append(
                """
                \(path) holds secrets (at \(literal.map(\.source).joined(separator: ", "))) and is readable\
                 by group or others (mode \(String(mode, radix: 8))); chmod 600 it, or move the secrets to\
                 environment variables
                """
            )
        }
        return config
    }

    /// Parses config text; `file` names it in errors.
    public static func parse(_ text: String, file: String, environment: [String: String]) throws(LeadCheckError)
        -> LeadCheckConfig
    {
        if let (line, column) = firstAnchorOrAlias(in: text) {
            // Yams resolves aliases while composing, so an alias bomb ("billion laughs") would
            // expand before any check could run; the config needs neither, so both are refused.
            throw .invalidInput(
                location: "\(file):\(line):\(column)",
                reason: "anchors and aliases (& and *) are not supported in leadcheck.yaml")
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw LeadCheckError.invalidInput(location: file, reason: "the file is empty")
            }
            root = composed
        } catch let error as LeadCheckError {
            throw error
        } catch let error as YamlError {
            throw .invalidInput(
                location: location(of: error, file: file), reason: "not valid YAML: \(problem(of: error))")
        } catch {
            throw .invalidInput(location: file, reason: "not valid YAML")
        }
        let top = try ConfigNode(node: root, file: file, path: "", environment: environment).mapping(allowed: [
            "version", "offer", "defaults", "destinations",
        ])
        guard let versionNode = top["version"] else {
            throw .invalidInput(location: file, reason: "missing 'version: 1' at the top")
        }
        let version = try versionNode.int(1...1)

        var offer = Offer.example
        if let node = top["offer"] {
            let fields = try node.mapping(allowed: ["id", "title"])
            let id = try fields["id"]?.string() ?? offer.id
            let title = try fields["title"]?.string() ?? offer.title
            do { offer = try Offer.validated(id: id, title: title, idFlag: "offer.id", titleFlag: "offer.title") } catch
            { throw node.error(error.message) }
        }

        var defaults = LeadCheckConfig.Defaults()
        if let node = top["defaults"] {
            let fields = try node.mapping(allowed: [
                "matrix", "variants", "locales", "seed", "connectTimeout", "timeout", "cleanup",
            ])
            if let n = fields["matrix"] { defaults.matrix = try n.choice() }
            if let n = fields["variants"] { defaults.variants = try n.choices() }
            if let n = fields["locales"] { defaults.locales = try n.choices() }
            if let n = fields["seed"] {
                guard let seed = UInt64(try n.string()) else {
                    throw n.error("expected a whole number from 0 to 18446744073709551615")
                }
                defaults.seed = seed
            }
            if let n = fields["connectTimeout"] { defaults.connectTimeoutMilliseconds = try n.milliseconds() }
            if let n = fields["timeout"] { defaults.totalTimeoutMilliseconds = try n.milliseconds() }
            if let n = fields["cleanup"] { defaults.cleanup = try n.bool() }
        }

        guard let destinationsNode = top["destinations"] else {
            throw .invalidInput(location: file, reason: "missing 'destinations:' (a list)")
        }
        var destinations: [DestinationConfig] = []
        for item in try destinationsNode.sequence() {
            // A destination Microsoft retired (Azure Blob) is not an error here: `lint`, which
            // `verify` and `canary` run first, reports it as config.retired; nothing is sent to it.
            if case .mapping(let mapping) = item.node, mapping["type"]?.string == "azure-blob" { continue }
            let destination = try parseDestination(item)
            if destinations.contains(where: { $0.name == destination.name }) {
                throw item.error("the name '\(destination.name)' is used twice")
            }
            destinations.append(destination)
        }
        for destination in destinations {
            if case .https(let https) = destination.settings, let readback = https.readback,
                !destinations.contains(where: { $0.name == readback })
            {
                throw .invalidInput(
                    location: file,
                    reason:
                        "destinations '\(destination.name)': readback names '\(readback)', which is not a destination here"
                )
            }
        }
        return LeadCheckConfig(version: version, offer: offer, defaults: defaults, destinations: destinations)
    }

    static func parseDestination(_ item: ConfigNode) throws(LeadCheckError) -> DestinationConfig {
        guard case .mapping(let mapping) = item.node,
            let typeNode = mapping.first(where: { $0.key.string == "type" })?.value
        else {
            throw item.error(
                "each destination needs 'name' and 'type' (\(DestinationKind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let kind: DestinationKind = try ConfigNode(
            node: typeNode, file: item.file, path: "\(item.path).type", environment: item.environment
        ).choice()
        let common = ["name", "type"]
        let allowed: [String]
        switch kind {
        case .https:
            allowed = common + ["url", "readback", "inspectionUrl", "readbackTimeout", "payloadCase", "flow", "run"]
        case .azureTable: allowed = common + ["connectionString", "table"]
        case .dynamics:
            allowed =
                common + [
                    "instanceUrl", "authentication", "tenantId", "clientId", "clientSecret", "username", "password",
                    "tokenUrl", "leadSourceCode", "readback",
                ]
        case .marketo:
            allowed =
                common + ["munchkinId", "formId", "clientId", "clientSecret", "baseUrl", "mode", "leadSourceField"]
        case .salesforce:
            allowed =
                common + [
                    "orgId", "webToLeadUrl", "instanceUrl", "clientId", "clientSecret", "tokenUrl", "readbackTimeout",
                ]
        }
        let fields = try item.mapping(allowed: allowed)
        func required(_ key: String) throws(LeadCheckError) -> ConfigNode {
            guard let node = fields[key] else { throw item.error("a \(kind.rawValue) destination needs '\(key)'") }
            return node
        }
        let name = try required("name").string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw item.error("'name' must be letters, digits, '-', '_' or '.'")
        }
        let settings: DestinationConfig.Settings
        switch kind {
        case .https:
            let urlNode = try required("url")
            let url = try urlNode.secret()
            guard url.reveal().lowercased().hasPrefix("https://") || url.reveal().lowercased().hasPrefix("http://")
            else {
                throw urlNode.error("expected an http:// or https:// URL")
            }
            settings = .https(
                HTTPSSettings(
                    url: url, readback: try fields["readback"]?.string(),
                    inspectionURL: try fields["inspectionUrl"]?.url(),
                    readbackTimeoutMilliseconds: try fields["readbackTimeout"]?.milliseconds() ?? 10_000,
                    payloadCase: try fields["payloadCase"]?.choice(),
                    flow: try fields["flow"].map { node throws(LeadCheckError) in try node.flow() } ?? [],
                    run: try fields["run"].map { node throws(LeadCheckError) in try node.flowRun() }
                ))
        case .azureTable:
            let node = try required("connectionString")
            let connection: AzureConnectionString
            do { connection = try AzureConnectionString(parsing: try node.secret()) } catch {
                throw node.error(error.message.components(separatedBy: ": ").dropFirst().joined(separator: ": "))
            }
            let table = try fields["table"]?.string() ?? "MarketplaceLeads"
            settings = .azureTable(connectionString: connection, table: table)
        case .dynamics:
            let authentication: DynamicsSettings.Authentication = try fields["authentication"]?.choice() ?? .azureAD
            let appKeys = ["tenantId", "clientId", "clientSecret"]
            let userKeys = ["username", "password"]
            for key in authentication == .azureAD ? appKeys : userKeys where fields[key] == nil {
                throw item.error(
                    "a dynamics destination with authentication: \(authentication.rawValue) needs '\(key)'")
            }
            var readback: (clientID: String, clientSecret: Secret)?
            if let node = fields["readback"] {
                let reader = try node.mapping(allowed: ["clientId", "clientSecret"])
                guard let id = reader["clientId"], let secret = reader["clientSecret"] else {
                    throw node.error(
                        "readback needs 'clientId' and 'clientSecret' (an app with Read and Delete on Lead)")
                }
                readback = (try id.string(), try secret.secret())
            }
            settings = .dynamics(
                DynamicsSettings(
                    instanceURL: try required("instanceUrl").url(), authentication: authentication,
                    tenantID: try fields["tenantId"]?.string(), clientID: try fields["clientId"]?.string(),
                    clientSecret: try fields["clientSecret"]?.secret(),
                    username: try fields["username"]?.string(), password: try fields["password"]?.secret(),
                    tokenURL: try fields["tokenUrl"]?.url(),
                    leadSourceCode: try fields["leadSourceCode"]?.int(1...10) ?? 8,
                    readback: readback
                ))
        case .marketo:
            settings = .marketo(
                MarketoSettings(
                    munchkinID: try required("munchkinId").string(),
                    formID: try required("formId").int(1...Int(Int32.max)),
                    clientID: try required("clientId").string(), clientSecret: try required("clientSecret").secret(),
                    baseURL: try fields["baseUrl"]?.url(), mode: try fields["mode"]?.choice() ?? .submitForm,
                    leadSourceField: try fields["leadSourceField"]?.string() ?? "leadSource"
                ))
        case .salesforce:
            settings = .salesforce(
                SalesforceSettings(
                    orgID: try required("orgId").string(),
                    webToLeadURL: try fields["webToLeadUrl"]?.url() ?? SalesforceSettings.productionWebToLeadURL,
                    instanceURL: try required("instanceUrl").url(), clientID: try required("clientId").string(),
                    clientSecret: try required("clientSecret").secret(), tokenURL: try fields["tokenUrl"]?.url(),
                    readbackTimeoutMilliseconds: try fields["readbackTimeout"]?.milliseconds() ?? 120_000
                ))
        }
        return DestinationConfig(name: name, kind: kind, settings: settings)
    }

    /// The 1-based line and column of the first `&anchor` or `*alias` at the start of a node,
    /// outside quotes and comments; `&` and `*` inside a plain scalar (a URL's query) do not count.
    static func firstAnchorOrAlias(in text: String) -> (Int, Int)? {
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var quote: Character?
            var previous: Character = " "
            var column = 0
            var atNodeStart = true
            for c in line {
                column += 1
                if let open = quote {
                    if c == open { quote = nil }
                    previous = c
                    continue
                }
                if c == "#" && (previous == " " || column == 1) { break }
                if c == "\"" || c == "'" {
                    if atNodeStart { quote = c }
                    atNodeStart = false
                } else if c == "&" || c == "*" {
                    if atNodeStart { return (lineIndex + 1, column) }
                } else if c == " " || c == "\t" {
                    if previous == ":" || previous == "-" || previous == "," || previous == "[" || previous == "{" {
                        atNodeStart = true
                    }
                } else if c == "[" || c == "{" || c == "," {
                    atNodeStart = true
                } else {
                    atNodeStart = false
                }
                previous = c
            }
        }
        return nil
    }

    static func location(of error: YamlError, file: String) -> String {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return "\(file):\(mark.line):\(mark.column)"
        default:
            return file
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default: return "\(error)".components(separatedBy: "\n").first ?? "syntax error"
        }
    }
}
