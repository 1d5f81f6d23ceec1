import Foundation
import LeadTransport
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A `leadcheck sandbox` process started by a test, with the endpoints it wrote.
final class SandboxProcess: @unchecked Sendable {
    let process: Process
    let directory: TemporaryDirectory
    let endpoints: [String: Any]
    let output: URL

    /// Starts the sandbox with extra arguments and waits for its endpoints file.
    init(_ arguments: [String] = [], directory: TemporaryDirectory? = nil, environment: [String: String] = [:]) throws {
        let directory = try directory ?? TemporaryDirectory()
        self.directory = directory
        let endpointsFile = directory.path("endpoints-\(UUID().uuidString).json")
        output = directory.url.appendingPathComponent("sandbox-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process = Process()
        process.executableURL = LeadCheckProcess.binary
        process.arguments = ["sandbox", "--endpoints", endpointsFile] + arguments
        process.standardInput = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let log = try FileHandle(forWritingTo: output)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: endpointsFile), !data.isEmpty,
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            {
                endpoints = object
                return
            }
            if !process.isRunning { break }
            usleep(50_000)
        }
        process.terminate()
        throw POSIXFailure("sandbox did not start: \(log)")
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

    var httpsURL: String { endpoints["https"] as! String }
    var inspectionURL: String { endpoints["inspection"] as! String }
    var caFile: String? { endpoints["caFile"] as? String }
    var azureTable: [String: Any] { endpoints["azureTable"] as! [String: Any] }

    /// A connection string for a `--table-account NAME=…` account of this sandbox, with `key`.
    func tableConnectionString(account: String, key: String) -> String {
        let base = (azureTable["connectionString"] as! String).components(separatedBy: "TableEndpoint=")[1]
            .replacingOccurrences(of: "/devstoreaccount1;", with: "/\(account)")
        return "DefaultEndpointsProtocol=http;AccountName=\(account);AccountKey=\(key);TableEndpoint=\(base);"
    }

    /// A config's head (typical and hostile en-US leads) with an https destination `hook` whose
    /// URL is `${urlVariable}` and an azure-table destination `table` whose connection string is
    /// `${connectionVariable}`; more `destinations:` items may follow.
    func hookAndTableYAML(urlVariable: String, connectionVariable: String) -> String {
        """
        version: 1
        defaults:
          variants: [typical, hostile]
          locales: [en-US]
        destinations:
          - name: hook
            type: https
            url: ${\(urlVariable)}
            inspectionUrl: \(inspectionURL)
          - name: table
            type: azure-table
            connectionString: ${\(connectionVariable)}

        """
    }

    /// The `destinations:` items for this sandbox's Dynamics (`dyn`), Marketo (`mkto`) and
    /// Salesforce (`sf`), secrets as `${DYN_SECRET}`, `${MKTO_SECRET}` and `${SF_SECRET}`; a base
    /// URL given here replaces the sandbox's (to point one at a misbehaving server).
    func crmDestinationsYAML(
        dynamicsBase: String? = nil, marketoBase: String? = nil, salesforceBase: String? = nil,
        readbackTimeout: String = "2s"
    ) -> String {
        let d = endpoints["dynamics"] as! [String: Any]
        let m = endpoints["marketo"] as! [String: Any]
        let s = endpoints["salesforce"] as! [String: Any]
        let sf = salesforceBase ?? "\(s["instanceUrl"]!)"
        return """
              - name: dyn
                type: dynamics
                instanceUrl: \(dynamicsBase ?? "\(d["instanceUrl"]!)")
                tokenUrl: \(dynamicsBase.map { "\($0)/token" } ?? "\(d["tokenUrl"]!)")
                tenantId: "\(d["tenantId"]!)"
                clientId: "\(d["clientId"]!)"
                clientSecret: ${DYN_SECRET}
              - name: mkto
                type: marketo
                baseUrl: \(marketoBase ?? "\(m["baseUrl"]!)")
                munchkinId: "\(m["munchkinId"]!)"
                formId: \(m["formId"]!)
                clientId: "\(m["clientId"]!)"
                clientSecret: ${MKTO_SECRET}
              - name: sf
                type: salesforce
                orgId: "\(s["orgId"]!)"
                webToLeadUrl: "\(s["webToLeadUrl"]!)"
                instanceUrl: \(sf)
                tokenUrl: \(sf)/services/oauth2/token
                clientId: "\(s["clientId"]!)"
                clientSecret: ${SF_SECRET}
                readbackTimeout: \(readbackTimeout)

            """
    }

    /// Sends a signal and waits for the exit status.
    func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 10) -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// GET or PUT the inspection API and decode the JSON answer.
    func inspect(_ path: String, method: String = "GET", body: String? = nil) async throws -> Any {
        let client = try HTTPClient()
        let request = HTTPRequest(
            method: method, url: inspectionURL + path,
            body: body.map { .bytes(Array($0.utf8), contentType: "application/json") } ?? .none)
        let response = try await client.send(request)
        return try JSONSerialization.jsonObject(with: Data(response.body))
    }

    func count(_ destination: String, prefix: String = "LCTEST_") async throws -> Int {
        let counts = try await inspect("/counts?marker-prefix=\(prefix)") as! [String: Int]
        return counts[destination] ?? -1
    }
}
