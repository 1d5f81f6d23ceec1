import Testing

/// The rules the build cannot enforce, checked on the tracked sources: the sandbox keeps its own
/// code for what it checks, the client waits in one place, nothing parses JSON into untyped
/// objects, and lines stay readable.
@Suite struct HouseRulesTests {
    static func sources() throws -> [(path: String, text: String)] {
        try StandsAloneTests.trackedTexts().filter { $0.path.hasPrefix("Sources/") && $0.path.hasSuffix(".swift") }
    }

    static func occurrences(of needle: String, in files: [(path: String, text: String)]) -> [String] {
        files.flatMap { file in
            file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { $0.element.contains(needle) }
                .map { "\(file.path):\($0.offset + 1)" }
        }
    }

    @Test func theSandboxBorrowsNoClientCodeForWhatItChecks() throws {
        let sandbox = try Self.sources().filter { $0.path.hasPrefix("Sources/LeadSandbox/") }
        #expect(sandbox.count > 20)
        for needle in ["import LeadWire", "WireBuffer", "LeadTimestamp"] {
            #expect(Self.occurrences(of: needle, in: sandbox).isEmpty, "\(needle) in the sandbox")
        }
    }

    @Test func noWireEncoderLivesInLeadModel() throws {
        let model = try Self.sources().filter { $0.path.hasPrefix("Sources/LeadModel/") }
        #expect(!model.isEmpty)
        #expect(model.filter { $0.path.hasSuffix("Encoder.swift") || $0.text.contains("WireBuffer") }.isEmpty)
    }

    @Test func jsonIsNeverParsedIntoUntypedObjects() throws {
        let sources = try Self.sources()
        for needle in ["JSONSerialization", "as!"] {
            #expect(Self.occurrences(of: needle, in: sources).isEmpty, "\(needle) in Sources")
        }
    }

    @Test func theClientWaitsInTwoPlacesAtMost() throws {
        let client = try Self.sources().filter { !$0.path.hasPrefix("Sources/LeadSandbox/") }
        let sleeps = Self.occurrences(of: "Task.sleep", in: client)
        #expect(sleeps.count <= 2, "Task.sleep at \(sleeps)")
    }

    @Test func noLineIsLongerThan160Columns() throws {
        let files = try StandsAloneTests.trackedTexts().filter {
            ($0.path.hasPrefix("Sources/") || $0.path.hasPrefix("Tests/")) && $0.path.hasSuffix(".swift")
        }
        var long: [String] = []
        for file in files {
            for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.count > 160 {
                long.append("\(file.path):\(index + 1)")
            }
        }
        #expect(long.isEmpty, "\(long.count) lines over 160 columns, first: \(long.prefix(5))")
    }
}
