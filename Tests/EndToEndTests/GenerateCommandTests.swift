import Foundation
import TestSupport
import Testing

@Suite struct GenerateCommandTests {
    @Test func sameSeedTwiceIsByteIdenticalAndMatchesTheFixture() async throws {
        let a = try await LeadCheckProcess.run(["generate", "--seed", "42", "--format", "ndjson"])
        let b = try await LeadCheckProcess.run(["generate", "--seed", "42", "--format", "ndjson"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(!a.stdout.isEmpty)
        let fixture = try Data(
            contentsOf: LeadCheckProcess.repositoryRoot.appendingPathComponent("fixtures/generate/seed-42.ndjson"))
        #expect(a.stdout == fixture)
        #expect(a.stderr.isEmpty, "a given seed prints nothing on stderr: \(a.stderr)")
    }

    @Test func differentSeedGivesDifferentLeads() async throws {
        let a = try await LeadCheckProcess.run(["generate", "--seed", "42"])
        let c = try await LeadCheckProcess.run(["generate", "--seed", "4242"])
        #expect(a.status == 0 && c.status == 0)
        #expect(a.stdout != c.stdout)
    }

    @Test func randomSeedIsPrintedSoTheRunCanBeReplayed() async throws {
        let first = try await LeadCheckProcess.run(["generate", "--count", "5"])
        #expect(first.status == 0)
        let seed = try #require(first.stderr.firstMatch(of: /--seed (\d+)/)?.1)
        let replay = try await LeadCheckProcess.run(["generate", "--count", "5", "--seed", String(seed)])
        #expect(replay.stdout == first.stdout)
    }

    @Test func documentedMatrixHasEveryDocumentedPair() async throws {
        let result = try await LeadCheckProcess.run([
            "generate", "--seed", "42", "--variants", "typical", "--locales", "en-US",
        ])
        let pairs = try Self.pairs(result.stdout)
        #expect(
            Set(pairs.map(\.label)) == [
                "AzureMarketplace-INS", "AzurePortal-Create", "TestDrive-StartTestDrive", "AppSource-INS",
                "AppSource-PLT", "AppSource-DNC",
            ])
        #expect(pairs.allSatisfy { $0.documented })
    }

    @Test func fullMatrixHasAllTwentyPairsWithUndocumentedFlagged() async throws {
        let result = try await LeadCheckProcess.run([
            "generate", "--seed", "42", "--matrix", "full", "--variants", "typical", "--locales", "en-US",
        ])
        #expect(result.status == 0)
        let pairs = try Self.pairs(result.stdout)
        #expect(Set(pairs.map(\.label)).count == 20)
        #expect(pairs.filter { !$0.documented }.count == 14)
        #expect(pairs.filter { $0.documented }.count == 6)
    }

    @Test(arguments: [
        (["--matrix", "huge"], "documented, full"),
        (["--variants", "typical,nasty"], "typical, partial, unicode, limits, hostile, msft-test"),
        (["--locales", "xx-XX"], "en-US, ja-JP, de-DE, fr-FR, pt-BR"),
        (["--format", "xml"], "json, ndjson, csv, https, azure-table, dynamics, marketo, salesforce"),
    ])
    func unknownChoiceExitsOneNamingTheValidChoices(_ flags: [String], _ valid: String) async throws {
        let result = try await LeadCheckProcess.run(["generate"] + flags)
        #expect(result.status == 1)
        #expect(result.stderr.contains(flags[0]))
        #expect(result.stderr.contains(valid), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: ["-3", "abc", "1.5", "", "99999999999999999999999"])
    func badCountExitsOneWithAClearMessage(_ count: String) async throws {
        let result = try await LeadCheckProcess.run(["generate", "--count", count])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--count"))
        #expect(result.stderr.contains("whole number"), "\(result.stderr)")
    }

    @Test func unknownFlagIsAUsageError() async throws {
        let result = try await LeadCheckProcess.run(["generate", "--frobnicate"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--frobnicate"))
    }

    @Test func unwritableOutputExitsTwoNamingThePathAndLeavesNothing() async throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path("no/such/dir/leads.ndjson")
        let result = try await LeadCheckProcess.run(["generate", "--seed", "1", "--output", missing])
        #expect(result.status == 2)
        #expect(result.stderr.contains(missing))
        let dirResult = try await LeadCheckProcess.run(["generate", "--seed", "1", "--output", directory.url.path])
        #expect(dirResult.status == 2)
        #expect(dirResult.stderr.contains("directory"))
        let readOnly = directory.path("ro")
        try FileManager.default.createDirectory(
            atPath: readOnly, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
        if getuid() != 0 {
            let roResult = try await LeadCheckProcess.run(["generate", "--output", readOnly + "/x.ndjson"])
            #expect(roResult.status == 2)
        }
    }

    @Test func outputFileIsWrittenWholeWithNoTemporaryLeftBehind() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("leads.csv")
        let result = try await LeadCheckProcess.run(["generate", "--seed", "42", "--format", "csv", "--output", path])
        #expect(result.status == 0)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        let fixture = try Data(
            contentsOf: LeadCheckProcess.repositoryRoot.appendingPathComponent("fixtures/generate/seed-42.csv"))
        #expect(written == fixture)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["leads.csv"])
        #expect(result.stderr.contains("360 leads"))
    }

    /// A large file holds exactly the bytes standard output gets.
    @Test func aLargeFileHoldsWhatStandardOutputGets() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("leads.ndjson")
        let arguments = ["generate", "--seed", "5", "--count", "30000", "--format", "ndjson"]
        let toFile = try await LeadCheckProcess.run(arguments + ["--output", path])
        let toStdout = try await LeadCheckProcess.run(arguments)
        #expect(toFile.status == 0 && toStdout.status == 0)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count > 8 << 20, "\(written.count) bytes")
        #expect(written == toStdout.stdout)
    }

    /// A write refused part-way — here the file-size limit (EFBIG) — ends the run with exit 2 naming the path and the reason, and leaves
    /// neither the file nor its temporary behind.
    @Test func writeRefusedPartWayExitsTwoAndLeavesNothing() async throws {
        let directory = try TemporaryDirectory.onPackageDisk()
        let path = directory.path("leads.ndjson")
        let command =
            "trap '' XFSZ; ulimit -f 20480; exec '\(LeadCheckProcess.binary.path)' generate --seed 1 --count 30000 --format ndjson --output '\(path)'"
        let result = try await LeadCheckProcess.runExecutable(URL(fileURLWithPath: "/bin/bash"), ["-c", command])
        #expect(result.status == 2)
        #expect(result.stderr.contains(path), "\(result.stderr)")
        #expect(result.stderr.contains("File too large"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test func closedPipeEndsQuietly() async throws {
        let result = try await LeadCheckProcess.runExecutable(
            URL(fileURLWithPath: "/bin/bash"),
            [
                "-c",
                "set -o pipefail; '\(LeadCheckProcess.binary.path)' generate --seed 1 --count 500000 | head -c 100 >/dev/null",
            ]
        )
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func countCyclesThePlanAndStreamsLargeRuns() async throws {
        let result = try await LeadCheckProcess.run([
            "generate", "--seed", "3", "--count", "25000", "--format", "ndjson",
        ])
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 25000)
        #expect(lines.last!.contains("\"sequence\":25000"))
    }

    @Test func helpShowsExamplesAndExitsZero() async throws {
        let result = try await LeadCheckProcess.run(["generate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("Examples"))
    }

    struct Pair {
        let label: String
        let documented: Bool
    }

    static func pairs(_ ndjson: Data) throws -> [Pair] {
        try String(decoding: ndjson, as: UTF8.self).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return Pair(label: "\(object["source"]!)-\(object["action"]!)", documented: object["documented"] as! Bool)
        }
    }
}
