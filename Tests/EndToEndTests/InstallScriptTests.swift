import Foundation
import TestSupport
import Testing

/// `scripts/install`, the script the GitHub Action runs and users may run by hand, against
/// archives laid out as `scripts/package` lays them out (the built binary, README.md, LICENSE in
/// `leadcheck-<version>-linux-<arch>/`, with a sha256sum-format checksum beside), served from
/// `file://` URLs: it installs a good archive and refuses a changed one.
@Suite struct InstallScriptTests {
    static let script = LeadCheckProcess.repositoryRoot.appendingPathComponent("scripts/install")
    static let shell = URL(fileURLWithPath: "/bin/sh")

    /// Packs the built binary like a release and returns the archive's path.
    static func archive(in directory: TemporaryDirectory, binary: URL = LeadCheckProcess.binary) async throws -> (
        path: String, version: String
    ) {
        let version = try await LeadCheckProcess.run(["--version"]).stdoutText.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let name = "leadcheck-\(version)-linux-test"
        let stage = directory.url.appendingPathComponent("stage/\(name)")
        try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
        for file in ["README.md", "LICENSE"] {
            try FileManager.default.copyItem(
                at: LeadCheckProcess.repositoryRoot.appendingPathComponent(file), to: stage.appendingPathComponent(file)
            )
        }
        try FileManager.default.copyItem(at: binary, to: stage.appendingPathComponent("leadcheck"))
        let archive = directory.path("\(name).tar.gz")
        // gzip's fastest level: the debug binary is large, and packing it at the default level
        // several times at once was the suite's largest cost. The installer reads either. Each
        // step is its own command, so a failed tar fails the pack (a pipe would hide it).
        let pack = try await LeadCheckProcess.runExecutable(
            shell,
            [
                "-c",
                """
                tar -C "$1/stage" -cf "$2.tar" "$3" && gzip -1 "$2.tar" && mv "$2.tar.gz" "$2" \
                  && cd "$(dirname "$2")" && sha256sum "$(basename "$2")" > "$(basename "$2").sha256"
                """, "sh", directory.url.path, archive, name,
            ])
        #expect(pack.status == 0, "\(pack.stderr)")
        return (archive, version)
    }

    static func install(_ url: String, into directory: TemporaryDirectory, githubPath: String) async throws
        -> LeadCheckProcess.Result
    {
        try await LeadCheckProcess.runExecutable(
            shell, [script.path, "--url", url, "--dir", directory.path("bin")],
            environment: ["GITHUB_PATH": githubPath, "LEADCHECK_REPO": "", "LEADCHECK_ARCHIVE_URL": ""],
            timeout: 120)
    }

    @Test func aFileURLArchiveIsInstalledAndPutOnThePath() async throws {
        let directory = try TemporaryDirectory()
        let (archive, version) = try await Self.archive(in: directory)
        let githubPath = directory.path("github_path")
        let result = try await Self.install("file://\(archive)", into: directory, githubPath: githubPath)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("checksum ok"))
        let installed = try await LeadCheckProcess.runExecutable(
            URL(fileURLWithPath: directory.path("bin/leadcheck")), ["--version"])
        #expect(installed.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == version)
        #expect((try? String(contentsOfFile: githubPath, encoding: .utf8)) == directory.path("bin") + "\n")
    }

    @Test func aChangedArchiveIsRefusedAndNothingIsInstalled() async throws {
        let directory = try TemporaryDirectory()
        let (archive, _) = try await Self.archive(in: directory)
        // One byte more: still a readable gzip stream for some tools, never the published bytes.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: archive))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0x0A]))
        try handle.close()
        let result = try await Self.install(
            "file://\(archive)", into: directory, githubPath: directory.path("github_path"))
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("checksum mismatch"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("bin/leadcheck")))
        #expect(!FileManager.default.fileExists(atPath: directory.path("github_path")))
    }

    @Test func anArchiveWithoutAChecksumIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let (archive, _) = try await Self.archive(in: directory)
        try FileManager.default.removeItem(atPath: archive + ".sha256")
        let result = try await Self.install(
            "file://\(archive)", into: directory, githubPath: directory.path("github_path"))
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("cannot be checked"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("bin/leadcheck")))
    }

    @Test func aBinaryThatDoesNotRunHereReplacesNothing() async throws {
        let directory = try TemporaryDirectory()
        let (good, _) = try await Self.archive(in: directory)
        #expect(
            try await Self.install("file://\(good)", into: directory, githubPath: directory.path("github_path")).status
                == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: directory.path("bin/leadcheck")))
        // A "binary" that fails as one built for another C library would.
        let broken = directory.path("broken-leadcheck")
        try "#!/bin/sh\necho 'version GLIBC_2.99 not found' >&2\nexit 1\n".write(
            toFile: broken, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: broken)
        let other = try TemporaryDirectory()
        let (archive, _) = try await Self.archive(in: other, binary: URL(fileURLWithPath: broken))
        let result = try await Self.install(
            "file://\(archive)", into: directory, githubPath: directory.path("github_path"))
        #expect(
            result.status == 4 && result.stderr.contains("GLIBC_2.99")
                && result.stderr.contains("nothing was replaced"), "\(result.stderr)")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: directory.path("bin/leadcheck"))) == before,
            "the working install is kept")
        #expect(!FileManager.default.fileExists(atPath: directory.path("bin/.leadcheck.new")))
    }

    @Test func aMissingArchiveIsADownloadError() async throws {
        let directory = try TemporaryDirectory()
        let result = try await Self.install(
            "file://\(directory.path("nothing.tar.gz"))", into: directory, githubPath: directory.path("github_path"))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("could not download"))
    }
}
