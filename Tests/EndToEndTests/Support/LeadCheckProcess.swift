import Foundation
import TestSupport

/// Runs the built `leadcheck` binary as a user would: its own process, no stdin, output captured
/// through files (so a large stdout cannot deadlock a pipe), killed if it outlives `timeout`.
struct LeadCheckProcess {
    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

        /// stdout, stderr and the named output files, for leak checks.
        func everything(reading files: [String]) -> String {
            files.reduce(stdoutText + stderr) { $0 + ((try? String(contentsOfFile: $1, encoding: .utf8)) ?? "") }
        }
    }

    /// The binary: `$LEADCHECK_BIN`, else the one SwiftPM built beside this test bundle.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["LEADCHECK_BIN"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL {
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("leadcheck"))
        }
        candidates.append(
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "leadcheck"))
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("leadcheck"))
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/leadcheck"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `leadcheck <arguments>`.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60,
        workingDirectory: URL? = nil
    ) async throws -> Result {
        try await runExecutable(
            binary, arguments, environment: environment, timeout: timeout, workingDirectory: workingDirectory)
    }

    /// Runs any executable the same way. The wait happens on a thread of its own, never on
    /// Swift's cooperative pool: two cores give the pool two threads, and suites blocking them
    /// while their children run would starve every other suite (and its timing checks).
    static func runExecutable(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60,
        workingDirectory: URL? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Swift.Result {
                        try runBlocking(
                            executable, arguments, environment: environment, timeout: timeout,
                            workingDirectory: workingDirectory)
                    })
            }.start()
        }
    }

    static func runBlocking(
        _ executable: URL, _ arguments: [String], environment: [String: String], timeout: TimeInterval,
        workingDirectory: URL?
    ) throws -> Result {
        let directory = try TemporaryDirectory()
        let outURL = directory.url.appendingPathComponent("stdout")
        let errURL = directory.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            throw TimedOut(arguments: arguments, seconds: timeout)
        }
        collectResults(arguments)
        return Result(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: outURL),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// Copies every results document a `verify` or `report` run wrote (`--json FILE`) into
    /// `$LEADCHECK_RESULTS_SINK`, where `scripts/test` validates them against the schema.
    static func collectResults(_ arguments: [String]) {
        guard let sink = ProcessInfo.processInfo.environment["LEADCHECK_RESULTS_SINK"], let command = arguments.first,
            ["verify", "report", "canary"].contains(command)
        else { return }
        for (index, argument) in arguments.enumerated() where argument == "--json" && index + 1 < arguments.count {
            let source = URL(fileURLWithPath: arguments[index + 1])
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            try? FileManager.default.createDirectory(atPath: sink, withIntermediateDirectories: true)
            try? FileManager.default.copyItem(
                at: source,
                to: URL(fileURLWithPath: sink).appendingPathComponent("\(command)-\(UUID().uuidString).json"))
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        let arguments: [String]
        let seconds: TimeInterval
        var description: String { "leadcheck \(arguments.joined(separator: " ")) still running after \(seconds) s" }
    }
}
