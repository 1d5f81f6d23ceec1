/// How to run the sandbox.
public struct SandboxConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The first port (services take consecutive ports); 0 picks free ports.
    public var portBase: Int
    /// Serve HTTPS with a generated CA.
    public var tls: Bool
    /// SQLite file for durable state; nil keeps everything in memory.
    public var dataPath: String?
    /// Where to write the CA certificate with `tls`; default beside the data file or in a
    /// temporary directory.
    public var caFile: String?
    /// Faults at start.
    public var faults: [Fault]
    /// Extra Table accounts `name → base64 key`, beside the development account.
    public var tableAccounts: [String: String]
    /// Client secrets replacing the fixed sandbox ones (`dynamics`, `marketo`, `salesforce`).
    public var clientSecrets: [FaultTarget: String]
    /// A flow definition the HTTPS sink behaves as (`--flow FILE`), and how it matches keys.
    public var flow: SandboxFlow?
    public var flowOptions: FlowOptions

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", portBase: Int = 0, tls: Bool = false, dataPath: String? = nil,
        caFile: String? = nil,
        faults: [Fault] = [], tableAccounts: [String: String] = [:], clientSecrets: [FaultTarget: String] = [:],
        flow: SandboxFlow? = nil, flowOptions: FlowOptions = FlowOptions()
    ) {
        self.flow = flow
        self.flowOptions = flowOptions
        self.host = host
        self.portBase = portBase
        self.tls = tls
        self.dataPath = dataPath
        self.caFile = caFile
        self.faults = faults
        self.tableAccounts = tableAccounts
        self.clientSecrets = clientSecrets
    }
}
