import ArgumentParser
import Foundation
import LeadFiles
import LeadModel
import LeadSandbox
import LeadTransport

/// `leadcheck sandbox`: run the local emulator of the lead destinations as a server.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the local emulator of all five lead destinations until SIGINT or SIGTERM.",
        discussion: """
            Each service listens on its own port: --port-base N gives https N, azure-table N+1,
            dynamics N+2, salesforce N+3, marketo N+4, inspection N+5; without it free ports are picked. The endpoints and working credentials
            are printed and, with --endpoints FILE, written as JSON.

            Faults (repeatable --fault KIND:NAME[=VALUE]; KIND is https, azure-table, dynamics, marketo,
            salesforce or *): \(Fault.names.joined(separator: ", ")).
            They can be changed while running: PUT {"faults":[…]} to the inspection API's /faults.

            --flow FILE makes the HTTPS sink behave as that Power Automate or Logic Apps flow (a JSON
            export: {"definition":…}, an ARM resource or template, definition.json, clientdata; or an
            export package or solution .zip): its
            trigger's authentication and Schema Validation, Parse JSON, expressions, Response actions;
            a successful run stores the lead properties the flow read. Its runs are served on the
            dynamics port as Azure Resource Manager serves them
            (/subscriptions/<any>/resourceGroups/<any>/providers/Microsoft.Logic/workflows/<name>/runs)
            and as Dataverse's flowruns table. PUT a definition to the inspection API's /flow to change it.

            Examples:
              leadcheck sandbox --port-base 18000 --endpoints sandbox.json
              leadcheck sandbox --tls --data /tmp/sandbox.sqlite --fault 'azure-table:clock-skew'
              leadcheck sandbox --fault '*:latency=250ms' --fault 'https:require-sig=abc123'
            """
    )

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(
        name: .customLong("port-base"), help: "First port; the services take consecutive ports (default: free ports).")
    var portBase: String = "0"

    @Flag(help: "Serve HTTPS with a CA the sandbox generates; its certificate is written to caFile.")
    var tls = false

    @Option(help: "SQLite file for the sandbox's state (default: in memory). Acknowledged leads survive a crash.")
    var data: String?

    @Option(
        name: .customLong("ca-file"),
        help: "With --tls, where to write the CA certificate (default: beside --data, or a temporary file).")
    var caFile: String?

    @Option(name: .customLong("fault"), help: "Inject a fault, KIND:NAME[=VALUE] (repeatable).")
    var faults: [String] = []

    @Option(
        name: .customLong("table-account"),
        help: "Extra Table account NAME=ENV_VAR, the base64 key read from ENV_VAR (repeatable).")
    var tableAccounts: [String] = []

    @Option(
        name: .customLong("client-secret"),
        help: "Client secret KIND=ENV_VAR for dynamics, marketo or salesforce, read from ENV_VAR (repeatable).")
    var clientSecrets: [String] = []

    @Option(help: "A flow definition (JSON, or an export package or solution .zip) the HTTPS sink behaves as.")
    var flow: String?

    @Option(
        name: .customLong("flow-reads"),
        help:
            """
            How the flow's expressions match property names: case-insensitive (what Logic Apps does, by a\
             third-party finding: the IllogicApps emulator) or case-sensitive.
            """
    )
    var flowReads: KeyMatching = .caseInsensitive

    @Option(
        name: .customLong("flow-required"),
        help:
            """
            How a schema's required list is matched: case-sensitive (what Logic Apps does, by a third-party\
             finding: the IllogicApps emulator) or case-insensitive.
            """
    )
    var flowRequired: KeyMatching = .caseSensitive

    @Option(help: "Write the endpoints and credentials as JSON to this file once the sandbox is ready.")
    var endpoints: String?

    @Option(name: .customLong("write-config"), help: "Write a leadcheck.yaml pointing at the sandbox once it is ready.")
    var writeConfig: String?

    func run() async throws {
        let portBase = try Choice.parseInt(self.portBase, flag: "--port-base", range: 0...65_530)
        var parsedFaults: [Fault] = []
        for spec in faults {
            do { parsedFaults.append(try Fault(parsing: spec)) } catch {
                throw LeadCheckError.invalidValue(flag: "--fault", value: spec, expected: error.reason)
            }
        }
        var accounts: [String: String] = [:]
        let environment = ProcessInfo.processInfo.environment
        for spec in tableAccounts {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let key = environment[parts[1]], Data(base64Encoded: key) != nil else {
                throw LeadCheckError.invalidValue(
                    flag: "--table-account", value: spec,
                    expected: "NAME=ENV_VAR where ENV_VAR holds a base64 account key")
            }
            accounts[parts[0]] = key
        }
        var secrets: [FaultTarget: String] = [:]
        for spec in clientSecrets {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = FaultTarget(rawValue: parts[0]),
                [.dynamics, .marketo, .salesforce].contains(kind),
                let secret = environment[parts[1]], !secret.isEmpty
            else {
                throw LeadCheckError.invalidValue(
                    flag: "--client-secret", value: spec,
                    expected: "KIND=ENV_VAR with KIND dynamics, marketo or salesforce and ENV_VAR set")
            }
            secrets[kind] = secret
        }
        var loadedFlow: SandboxFlow?
        if let flow {
            do { loadedFlow = try SandboxFlow.load(path: flow) } catch {
                throw LeadCheckError.invalidInput(location: "--flow", reason: error.reason)
            }
        }
        let flowOptions = FlowOptions(
            caseInsensitiveReads: flowReads == .caseInsensitive, requiredCaseSensitive: flowRequired == .caseSensitive)
        let sandbox: Sandbox
        do {
            sandbox = try Sandbox(
                configuration: SandboxConfiguration(
                    host: host, portBase: portBase, tls: tls, dataPath: data, caFile: caFile, faults: parsedFaults,
                    tableAccounts: accounts, clientSecrets: secrets,
                    flow: loadedFlow, flowOptions: flowOptions))
        } catch {
            throw LeadCheckError.invalidInput(
                location: data ?? "sandbox", reason: "could not open the sandbox store: \(error)")
        }
        let endpointsFile = endpoints
        let flowName = loadedFlow?.name
        let configFile = writeConfig
        try await sandbox.run(handleSignals: true) { ready in
            if let configFile {
                do {
                    try OutputFile.write(SandboxConfigWriter.text(for: ready), to: configFile)
                } catch {
                    Terminal.printError("could not write --write-config \(configFile): \(error)")
                }
            }
            if let endpointsFile {
                do {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    try OutputFile.write(String(decoding: try encoder.encode(ready), as: UTF8.self), to: endpointsFile)
                } catch {
                    Terminal.printError("could not write --endpoints \(endpointsFile): \(error)")
                }
            }
            Terminal.printStdout(
                """
                leadcheck sandbox ready
                  https:       \(ready.https)
                  azure-table: \(Redactor().redact(ready.azureTable.connectionString.replacingOccurrences(of: ready.azureTable.key, with: "<development key>")))
                  dynamics:    \(ready.dynamics.instanceUrl) (tenant \(ready.dynamics.tenantId), client \(ready.dynamics.clientId))
                  salesforce:  \(ready.salesforce.webToLeadUrl) (oid \(ready.salesforce.orgId))
                  marketo:     \(ready.marketo.baseUrl) (Munchkin \(ready.marketo.munchkinId), form \(ready.marketo.formId))
                  inspection:  \(ready.inspection)
                """
                    + (flowName.map {
                        "\n  flow:        \($0) (runs: \(ready.dynamics.instanceUrl)/subscriptions/…/workflows/\($0)/runs)"
                    } ?? "") + (ready.caFile.map { "\n  CA file:     \($0)" } ?? "")
                    + (endpointsFile.map { "\n  endpoints:   \($0)" } ?? "")
                    + (configFile.map { "\n  config:      \($0)" } ?? ""))
        }
    }
}
