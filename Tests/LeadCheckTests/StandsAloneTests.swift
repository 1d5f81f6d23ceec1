import Foundation
import Testing

/// The repository stands alone: a clone with nothing beside it builds, passes and explains
/// itself. No tracked file may read or cite the team's private notes folder next to the
/// checkout, and every `docs/reference/…` a file cites must exist.
@Suite struct StandsAloneTests {
    static let root = Fixtures.root.deletingLastPathComponent()

    /// The tracked files, from git (a clone is what users have).
    static func trackedFiles() throws -> [String] {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", root.path, "ls-files", "-z"]
        let pipe = Pipe()
        git.standardOutput = pipe
        try git.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        guard git.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self).split(separator: "\0").map(String.init)
    }

    /// Tracked text files and their contents (binary files are skipped).
    static func trackedTexts() throws -> [(path: String, text: String)] {
        try trackedFiles().compactMap { path in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                !data.contains(0), let text = String(data: data, encoding: .utf8)
            else { return nil }
            return (path, text)
        }
    }

    @Test func noTrackedFileNamesTheNotesBesideTheCheckout() throws {
        // Spelt in pieces so this file does not match itself.
        let forbidden = [".." + "/shared", "shared" + "/reference", "shared" + "/DESIGN"]
        let texts = try Self.trackedTexts()
        #expect(texts.count > 100, "git ls-files found \(texts.count) files")
        for (path, text) in texts {
            for needle in forbidden where text.contains(needle) {
                Issue.record(
                    "\(path) names '\(needle)', which a clone does not have: carry the fact into docs/reference/")
            }
        }
    }

    @Test func everyCitedReferenceFileExists() throws {
        let citation = /docs\/reference\/([a-z-]+\.md)/
        var cited: Set<String> = []
        for (_, text) in try Self.trackedTexts() {
            for match in text.matches(of: citation) { cited.insert(String(match.output.1)) }
        }
        #expect(!cited.isEmpty)
        for file in cited.sorted() {
            let url = Self.root.appendingPathComponent("docs/reference").appendingPathComponent(file)
            #expect(FileManager.default.fileExists(atPath: url.path), "docs/reference/\(file) is cited but missing")
        }
    }

    @Test func everyCitedSectionExists() throws {
        // `docs/reference/flows.md §5` must point at a heading `## §5 …` of that file.
        let citation = /docs\/reference\/([a-z-]+\.md) §(\d+)/
        var cited: Set<String> = []
        for (_, text) in try Self.trackedTexts() {
            for match in text.matches(of: citation) { cited.insert("\(match.output.1) §\(match.output.2)") }
        }
        for entry in cited.sorted() {
            let parts = entry.split(separator: " ")
            let url = Self.root.appendingPathComponent("docs/reference").appendingPathComponent(String(parts[0]))
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            #expect(
                text.contains("## \(parts[1]) "), "docs/reference/\(entry) is cited but the file has no such section")
        }
    }
}
