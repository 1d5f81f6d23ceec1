import Foundation
import LeadDestinations
import LeadModel
import LeadTransport
import LeadWire
import Testing

@Suite struct ConfigLoaderTests {
    static let environment = [
        "LEADCHECK_HTTPS_URL":
            "https://prod-00.westus.logic.azure.com/workflows/x/triggers/manual/paths/invoke?api-version=2016-06-01&sig=SIGVALUE123",
        "LEADCHECK_TABLE_CONNECTION_STRING":
            "DefaultEndpointsProtocol=https;AccountName=contosoleads;AccountKey=a2V5a2V5a2V5a2V5;EndpointSuffix=core.windows.net",
        "LEADCHECK_DYNAMICS_TENANT_ID": "72f988bf-86f1-41af-91ab-2d7cd011db47", "LEADCHECK_DYNAMICS_CLIENT_ID": "app",
        "LEADCHECK_DYNAMICS_CLIENT_SECRET": "dyn-secret", "LEADCHECK_MARKETO_CLIENT_ID": "mk",
        "LEADCHECK_MARKETO_CLIENT_SECRET": "mk-secret",
        "LEADCHECK_SF_CLIENT_ID": "sf", "LEADCHECK_SF_CLIENT_SECRET": "sf-secret",
    ]

    static func message(_ text: String, environment: [String: String] = environment) -> String {
        do {
            _ = try ConfigLoader.parse(text, file: "leadcheck.yaml", environment: environment)
            return "no error"
        } catch {
            #expect(error.exitStatus == .input)
            return error.message
        }
    }

    @Test func starterConfigParsesWithSecretsTypedFromTheEnvironment() throws {
        let text = StarterConfig.render(.placeholders, header: "test")
        let config = try ConfigLoader.parse(text, file: "leadcheck.yaml", environment: Self.environment)
        #expect(config.destinations.map(\.kind) == [.https, .azureTable, .dynamics, .marketo, .salesforce])
        #expect(config.defaults.locales == [.enUS, .jaJP])
        guard case .https(let https) = config.destinations[0].settings, case let url = https.url else {
            Issue.record("not https")
            return
        }
        #expect(url.source == "LEADCHECK_HTTPS_URL")
        #expect(!"\(url)".contains("SIGVALUE123"))
        guard case .azureTable(let connection, let table) = config.destinations[1].settings else {
            Issue.record("not table")
            return
        }
        #expect(connection.account == "contosoleads")
        #expect(connection.tableEndpoint == "https://contosoleads.table.core.windows.net")
        #expect(table == "MarketplaceLeads")
        let secrets = config.secrets.map { $0.reveal() }
        for value in ["dyn-secret", "mk-secret", "sf-secret", "a2V5a2V5a2V5a2V5", "SIGVALUE123"] {
            #expect(secrets.contains(value))
        }
    }

    @Test func payloadCaseChoosesTheHTTPSCasingAndTheFlagOverridesIt() throws {
        func destination(_ line: String, flag: JSONKeyCase? = nil) throws -> (any LeadDestination)? {
            let text =
                "version: 1\ndestinations:\n  - name: hook\n    type: https\n    url: http://127.0.0.1:9/\n\(line)"
            let config = try ConfigLoader.parse(text, file: "leadcheck.yaml", environment: [:])
            return try DestinationBuilder(config: config, transport: TransportOptions(), httpsCase: flag).make(
                config.destinations[0])
        }
        #expect(try destination("")?.payloadCase == .camel)
        #expect(try destination("    payloadCase: pascal\n")?.payloadCase == .pascal)
        #expect(try destination("    payloadCase: pascal\n", flag: .camel)?.payloadCase == .camel)
        #expect(throws: LeadCheckError.self) { try destination("    payloadCase: snake\n") }
    }

    @Test func runNamesWhereAFlowsRunsAreReadAndItsMistakes() throws {
        func config(_ run: String) -> String {
            "version: 1\ndestinations:\n  - name: flow\n    type: https\n    url: https://example.com/hook\n    run:\n"
                + run
        }
        let parsed = try ConfigLoader.parse(
            config(
                "      logicApp: {subscriptionId: s, resourceGroup: g, workflow: w, tenantId: t, clientId: c, clientSecret: \"${RUN_SECRET}\"}\n"
            ),
            file: "leadcheck.yaml", environment: ["RUN_SECRET": "run-secret-value"])
        guard case .https(let https) = parsed.destinations[0].settings, let run = https.run,
            case .logicApp(let subscription, let group, let workflow, let management) = run.service
        else {
            Issue.record("no run")
            return
        }
        #expect([subscription, group, workflow, management] == ["s", "g", "w", "https://management.azure.com"])
        #expect(run.effectiveTokenURL == "https://login.microsoftonline.com/t/oauth2/v2.0/token")
        #expect(run.clientSecret.source == "RUN_SECRET")
        #expect(parsed.secrets.map { $0.reveal() }.contains("run-secret-value"))
        #expect(
            Self.message(
                config(
                    "      logicApp: {subscriptionId: s, resourceGroup: g, tenantId: t, clientId: c, clientSecret: x}\n"
                )
            ).contains("run.logicApp needs 'workflow'"))
        #expect(
            Self.message(
                config(
                    "      powerAutomate: {instanceUrl: https://o.crm.dynamics.com, tenantId: t, clientId: c, clientSecret: x, workflow: w}\n"
                )
            ).contains("workflow"))
        #expect(Self.message(config("      logicApps: {}\n")).contains("did you mean 'logicApp'"))
        #expect(
            Self.message(config("      logicApp: {}\n      powerAutomate: {}\n")).contains(
                "exactly one of 'logicApp' or 'powerAutomate'"))
        // A run is followed a minute unless runTimeout says otherwise.
        #expect(run.timeoutMilliseconds == 60_000)
        let timed = try ConfigLoader.parse(
            config(
                "      powerAutomate: {instanceUrl: https://o.crm.dynamics.com, tenantId: t, clientId: c, clientSecret: x}\n      runTimeout: 90s\n"
            ),
            file: "leadcheck.yaml", environment: [:])
        guard case .https(let timedHTTPS) = timed.destinations[0].settings else {
            Issue.record("no https")
            return
        }
        #expect(timedHTTPS.run?.timeoutMilliseconds == 90_000)
        #expect(Self.message(config("      runTimeout: 5s\n")).contains("exactly one of 'logicApp' or 'powerAutomate'"))
    }

    @Test func missingVariableIsNamedWithItsLocation() {
        var environment = Self.environment
        environment["LEADCHECK_SF_CLIENT_SECRET"] = nil
        let text = StarterConfig.render(.placeholders, header: "test")
        let message = Self.message(text, environment: environment)
        #expect(message.contains("LEADCHECK_SF_CLIENT_SECRET"))
        #expect(message.hasPrefix("leadcheck.yaml:"), "\(message)")
        #expect(
            Self.message(
                "version: 1\ndestinations:\n  - name: h\n    type: https\n    url: ${NOPE:-https://x.example/}\n")
                == "no error")
    }

    @Test func badYAMLNamesLineAndColumn() {
        let message = Self.message("version: 1\ndestinations:\n  - name: [unclosed\n")
        #expect(message.range(of: #"^leadcheck\.yaml:\d+:\d+"#, options: .regularExpression) != nil, "\(message)")
    }

    @Test func wrongTypeNamesTheFieldLineAndExpectation() {
        let text =
            "version: 1\ndestinations:\n  - name: m\n    type: marketo\n    munchkinId: x\n    formId: abc\n    clientId: c\n    clientSecret: s\n"
        let message = Self.message(text)
        #expect(message.contains("leadcheck.yaml:6:13"), "\(message)")
        #expect(message.contains("destinations[0].formId"))
        #expect(message.contains("whole number"))
    }

    @Test func unknownKeySuggestsTheClosestOne() {
        let text = "version: 1\ndestinations:\n  - name: t\n    type: azure-table\n    conectionString: x\n"
        let message = Self.message(text)
        #expect(message.contains("unknown key 'conectionString'"))
        #expect(message.contains("did you mean 'connectionString'"))
        #expect(message.contains(":5:5"), "\(message)")
        #expect(Self.message("verison: 1\n").contains("did you mean 'version'"))
    }

    @Test(arguments: [
        "AccountName=a;DefaultEndpointsProtocol=https", "AccountKey=a2V5;DefaultEndpointsProtocol=https", "garbage",
        "AccountName=a;AccountKey=not base64!",
    ])
    func badConnectionStringsAreInputErrors(_ connection: String) {
        let text =
            "version: 1\ndestinations:\n  - name: t\n    type: azure-table\n    connectionString: \"\(connection)\"\n"
        let message = Self.message(text)
        #expect(message.contains("connection string") || message.contains("AccountKey"), "\(message)")
        #expect(message.contains(":5:"), "\(message)")
    }

    @Test func aliasesAreRejectedSoBillionLaughsCannotExpand() {
        let laughs = "version: 1\nx: &a [\"lol\",\"lol\"]\ndestinations:\n  - name: h\n    type: https\n    url: *a\n"
        #expect(Self.message(laughs) != "no error")
        let alias = "version: 1\ndestinations:\n  - &d {name: h, type: https, url: \"https://x.example/\"}\n  - *d\n"
        #expect(Self.message(alias).contains("aliases"))
        let plainAmpersand =
            "version: 1\ndestinations:\n  - name: h\n    type: https\n    url: https://x.example/?a=1&b=2*3 # a & b\n"
        #expect(Self.message(plainAmpersand) == "no error", "& and * inside a plain scalar are not aliases")
    }

    @Test func developmentStorageAndExplicitEndpointsParse() throws {
        let dev = try AzureConnectionString(parsing: Secret("UseDevelopmentStorage=true", source: "t"))
        #expect(dev.account == "devstoreaccount1")
        #expect(dev.tableEndpoint == "http://127.0.0.1:10002/devstoreaccount1")
        let explicit = try AzureConnectionString(
            parsing: Secret("AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:9/a/;", source: "t"))
        #expect(explicit.tableEndpoint == "http://127.0.0.1:9/a")
    }

    @Test func duplicateNamesAndDanglingReadbackAreErrors() {
        let twice =
            "version: 1\ndestinations:\n  - {name: a, type: https, url: \"https://x.example/\"}\n  - {name: a, type: https, url: \"https://y.example/\"}\n"
        #expect(Self.message(twice).contains("used twice"))
        let dangling =
            "version: 1\ndestinations:\n  - {name: a, type: https, url: \"https://x.example/\", readback: nowhere}\n"
        #expect(Self.message(dangling).contains("nowhere"))
    }

    @Test func flagsBeatEnvironmentBeatsFileBeatsDefault() throws {
        var file = LeadCheckConfig.Defaults()
        file.seed = 1
        file.locales = [.deDE]
        let environment = ["LEADCHECK_SEED": "2", "LEADCHECK_MATRIX": "full", "LEADCHECK_LOCALES": "fr-FR,pt-BR"]
        let fromEnvironment = try DefaultsOverrides().apply(to: file, environment: environment)
        #expect(
            fromEnvironment.seed == 2 && fromEnvironment.matrix == .full && fromEnvironment.locales == [.frFR, .ptBR])
        let fromFlags = try DefaultsOverrides(seed: 3, locales: [.jaJP]).apply(to: file, environment: environment)
        #expect(fromFlags.seed == 3 && fromFlags.locales == [.jaJP] && fromFlags.matrix == .full)
        let fromFile = try DefaultsOverrides().apply(to: file, environment: [:])
        #expect(fromFile.seed == 1 && fromFile.locales == [.deDE] && fromFile.matrix == .documented)
        do {
            _ = try DefaultsOverrides().apply(to: file, environment: ["LEADCHECK_VARIANTS": "typical,bogus"])
            Issue.record("no error")
        } catch {
            #expect(error.message.contains("LEADCHECK_VARIANTS"))
        }
    }

    @Test func literalSecretsInAGroupReadableFileDrawAWarning() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "leadcheck-perm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let literal = directory.appendingPathComponent("literal.yaml").path
        try """
        version: 1\ndestinations:\n  - name: d\n    type: dynamics\n    instanceUrl:\
         https://x.crm.dynamics.com\n    tenantId: t\n    clientId: c\n    clientSecret:\
         plain-secret-value\n
        """
        .write(toFile: literal, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: literal)
        let open = try ConfigLoader.load(path: literal, environment: [:])
        #expect(open.warnings.count == 1)
        #expect(!open.warnings[0].contains("plain-secret-value"), "the warning names the place, never the value")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: literal)
        #expect(try ConfigLoader.load(path: literal, environment: [:]).warnings.isEmpty)
        let referenced = directory.appendingPathComponent("referenced.yaml").path
        try """
        version: 1\ndestinations:\n  - name: d\n    type: dynamics\n    instanceUrl:\
         https://x.crm.dynamics.com\n    tenantId: t\n    clientId: c\n    clientSecret: ${SECRET}\n
        """
        .write(toFile: referenced, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: referenced)
        #expect(try ConfigLoader.load(path: referenced, environment: ["SECRET": "s"]).warnings.isEmpty)
    }
}
