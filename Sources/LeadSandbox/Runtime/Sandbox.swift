import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// The local emulator of the lead destinations: one Hummingbird server per service on
/// consecutive ports (or free ones), a shared SQLite store, shared faults, optional TLS from a
/// generated CA, and the inspection API.
public final class Sandbox: Sendable {
    /// How it runs.
    public let configuration: SandboxConfiguration
    /// Its state.
    public let store: SandboxStore
    /// The faults in force.
    public let faults: FaultSet
    /// The flow the HTTPS sink behaves as, and its runs.
    public let flows: FlowRunBook
    private let services: [any SandboxService]
    private let state = ReadyState()
    private let dynamics: DynamicsCredentials
    private let marketo: MarketoCredentials
    private let salesforce: SalesforceCredentials

    /// The order services take ports in; the inspection API comes last.
    static let serviceOrder: [FaultTarget] = [.https, .azureTable, .dynamics, .salesforce, .marketo]

    /// Opens the store and prepares the services; nothing listens until ``run(handleSignals:onReady:)``.
    public init(configuration: SandboxConfiguration) throws {
        self.configuration = configuration
        store = try SandboxStore(path: configuration.dataPath)
        faults = FaultSet(configuration.faults)
        var accounts = [AzureTableService.developmentAccount: AzureTableService.developmentKey]
        for (name, key) in configuration.tableAccounts { accounts[name] = key }
        var dynamics = DynamicsCredentials.sandbox
        var marketo = MarketoCredentials.sandbox
        var salesforce = SalesforceCredentials.sandbox
        if let secret = configuration.clientSecrets[.dynamics] { dynamics.clientSecret = secret }
        if let secret = configuration.clientSecrets[.marketo] { marketo.clientSecret = secret }
        if let secret = configuration.clientSecrets[.salesforce] { salesforce.clientSecret = secret }
        (self.dynamics, self.marketo, self.salesforce) = (dynamics, marketo, salesforce)
        flows = FlowRunBook(flow: configuration.flow, options: configuration.flowOptions)
        services = [
            HTTPSSinkService(store: store, faults: faults, flows: flows),
            try AzureTableService(store: store, faults: faults, accounts: accounts),
            DynamicsService(store: store, faults: faults, credentials: dynamics, flows: flows),
            SalesforceService(store: store, faults: faults, credentials: salesforce),
            MarketoService(store: store, faults: faults, credentials: marketo),
        ]
    }

    /// The endpoints, once every server listens.
    public var endpoints: SandboxEndpoints? { state.endpoints }

    /// The sandbox's network threads: half the cores. Leads are committed on the store's writer
    /// thread and most handlers run on Swift's pool, so a loop per core mostly adds context
    /// switches (docs/benchmarks.md has the sink's figures). Process-wide, like NIO's own
    /// singleton.
    static let eventLoops = MultiThreadedEventLoopGroup(
        numberOfThreads: max(1, ProcessInfo.processInfo.activeProcessorCount / 2))

    /// Serves until the calling task is cancelled or, with `handleSignals`, until SIGINT/SIGTERM;
    /// shuts down gracefully either way. `onReady` runs once every server listens.
    public func run(handleSignals: Bool, onReady: @escaping @Sendable (SandboxEndpoints) async -> Void) async throws {
        var logger = Logger(label: "leadcheck.sandbox")
        // In-process (verify --sandbox) the sandbox is stopped by cancellation, which Hummingbird
        // logs as a shutdown error; only the standalone server's warnings are worth showing.
        logger.logLevel = handleSignals ? .warning : .critical
        let tls = try makeTLS()
        // A CA file the sandbox chose itself (in TMPDIR) goes when the sandbox does.
        let ownCAFile = configuration.caFile == nil && configuration.dataPath == nil ? tls?.caFile : nil
        defer { if let ownCAFile { try? FileManager.default.removeItem(atPath: ownCAFile) } }
        let scheme = tls == nil ? "http" : "https"
        func serverBuilder(_ configuration: HTTP1Channel.Configuration) throws -> HTTPServerBuilder {
            try tls.map { try .tls(.http1(configuration: configuration), tlsConfiguration: $0.configuration) }
                ?? .http1(configuration: configuration)
        }

        var applications: [any Service] = []
        let names = Self.serviceOrder.map(\.rawValue) + ["inspection"]
        for (index, name) in names.enumerated() {
            let port = configuration.portBase == 0 ? 0 : configuration.portBase + index
            var http1 = HTTP1Channel.Configuration()
            if let table = services.indices.contains(index) ? services[index] as? AzureTableService : nil {
                http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [
                    ServiceClockHandler(offset: { table.clockOffset })
                ])
            }
            let server =
                index < services.count
                ? SandboxServer(service: services[index], faults: faults, scheme: scheme)
                : SandboxServer(
                    service: InspectionAPI(
                        store: store, faults: faults, flows: flows, endpoints: { [state] in state.endpoints }),
                    faults: FaultSet(), scheme: scheme)
            let total = names.count
            let app = Application(
                router: server.router(), server: try serverBuilder(http1),
                configuration: .init(address: .hostname(configuration.host, port: port), serverName: nil),
                onServerRunning: { [state, configuration] channel in
                    let ready = state.record(name: name, port: channel.localAddress?.port ?? port, total: total) {
                        ports in
                        self.makeEndpoints(ports: ports, host: configuration.host, scheme: scheme, caFile: tls?.caFile)
                    }
                    if let ready { await onReady(ready) }
                },
                eventLoopGroupProvider: .shared(Self.eventLoops),
                logger: logger
            )
            applications.append(app)
        }
        let group = ServiceGroup(
            configuration: .init(
                services: applications.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
                logger: logger
            ))
        try await withTaskCancellationHandler {
            try await group.run()
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    func makeEndpoints(ports: [String: Int], host: String, scheme: String, caFile: String?) -> SandboxEndpoints {
        func base(_ name: String) -> String { "\(scheme)://\(host):\(ports[name] ?? 0)" }
        let tableEndpoint = "\(base(FaultTarget.azureTable.rawValue))/\(AzureTableService.developmentAccount)"
        return SandboxEndpoints(
            https:
                "\(base(FaultTarget.https.rawValue))/workflows/sandbox/triggers/manual/paths/invoke?api-version=2016-06-01",
            azureTable: .init(
                connectionString:
                    """
                    DefaultEndpointsProtocol=\(scheme);AccountName=\(AzureTableService.developmentAccount);\
                    AccountKey=\(AzureTableService.developmentKey);TableEndpoint=\(tableEndpoint);
                    """,
                account: AzureTableService.developmentAccount, key: AzureTableService.developmentKey
            ),
            dynamics: .init(
                instanceUrl: base(FaultTarget.dynamics.rawValue),
                tokenUrl: "\(base(FaultTarget.dynamics.rawValue))/\(dynamics.tenantID)/oauth2/v2.0/token",
                tenantId: dynamics.tenantID, clientId: dynamics.clientID, clientSecret: dynamics.clientSecret,
                readerClientId: dynamics.readerClientID, readerClientSecret: dynamics.readerClientSecret
            ),
            salesforce: .init(
                webToLeadUrl: "\(base(FaultTarget.salesforce.rawValue))/servlet/servlet.WebToLead?encoding=UTF-8",
                orgId: salesforce.orgID, instanceUrl: base(FaultTarget.salesforce.rawValue),
                tokenUrl: "\(base(FaultTarget.salesforce.rawValue))/services/oauth2/token",
                clientId: salesforce.clientID, clientSecret: salesforce.clientSecret
            ),
            marketo: .init(
                baseUrl: base(FaultTarget.marketo.rawValue), munchkinId: marketo.munchkinID,
                formId: marketo.formID, clientId: marketo.clientID, clientSecret: marketo.clientSecret
            ),
            inspection: base("inspection"),
            caFile: caFile,
            workflow: flows.current?.flow.name
        )
    }

    /// The TLS setup for `--tls`: a fresh CA written where clients can trust it, and a server
    /// certificate from it — or, under the TLS faults, an expired one, one for another host, or
    /// one from a CA nobody trusts.
    func makeTLS() throws -> (configuration: TLSConfiguration, caFile: String)? {
        guard configuration.tls else { return nil }
        let authority = try CertificateAuthority()
        let effects = FaultTarget.allCases.flatMap { faults.effects(for: $0) }
        let now = Date()
        let names = (
            dns: ["localhost"], ip: configuration.host.split(separator: ".").count == 4 ? [configuration.host] : []
        )
        let issued: IssuedCertificate
        if effects.contains(where: {
            if case .tlsExpired = $0 { return true }
            return false
        }) {
            issued = try authority.issue(
                commonName: "localhost", dnsNames: names.dns, ipAddresses: names.ip,
                notValidBefore: now.addingTimeInterval(-30 * 86_400), notValidAfter: now.addingTimeInterval(-86_400))
        } else if effects.contains(where: {
            if case .tlsWrongHost = $0 { return true }
            return false
        }) {
            issued = try authority.issue(commonName: "wrong.example", dnsNames: ["wrong.example"])
        } else if effects.contains(where: {
            if case .tlsUntrusted = $0 { return true }
            return false
        }) {
            issued = try CertificateAuthority(commonName: "untrusted sandbox CA").issue(
                commonName: "localhost", dnsNames: names.dns, ipAddresses: names.ip)
        } else {
            issued = try authority.issue(commonName: "localhost", dnsNames: names.dns, ipAddresses: names.ip)
        }
        let caFile =
            configuration.caFile ?? configuration.dataPath.map { "\($0).ca.pem" }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("leadcheck-sandbox-ca-\(getpid()).pem")
            .path
        try authority.certificatePEM().write(toFile: caFile, atomically: true, encoding: .utf8)
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(issued.chainPEM.utf8)).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let key = try NIOSSLPrivateKey(bytes: Array(issued.privateKeyPEM.utf8), format: .pem)
        return (TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)), caFile)
    }
}
