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
            let found = Self.occurrences(of: needle, in: sandbox)
            #expect(found.count == 0, "\(needle) in the sandbox at \(found.prefix(5))")
        }
    }

    @Test func noWireEncoderLivesInLeadModel() throws {
        let model = try Self.sources().filter { $0.path.hasPrefix("Sources/LeadModel/") }
        #expect(!model.isEmpty)
        // The byte buffer stays (the generator writes into it); what encodes a lead for a
        // destination lives in LeadWire, which the sandbox cannot import.
        let encoders = model.filter { $0.path.hasSuffix("Encoder.swift") || $0.text.contains(": LeadEncoder") }.map(
            \.path)
        #expect(encoders.count == 0, "wire encoders in LeadModel: \(encoders)")
    }

    @Test func jsonIsNeverParsedIntoUntypedObjects() throws {
        let sources = try Self.sources()
        for needle in ["JSONSerialization", "as!"] {
            let found = Self.occurrences(of: needle, in: sources)
            #expect(found.count == 0, "\(needle) in Sources at \(found.prefix(5))")
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
        #expect(long.count == 0, "lines over 160 columns, first: \(long.prefix(5))")
    }
}
