import Foundation

/// Locates the repository's `fixtures/` folder from this source file.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    /// The golden file of `leadcheck generate --seed 42 --format <format>`.
    static func generated(_ fileExtension: String) -> URL {
        root.appendingPathComponent("generate/seed-42.\(fileExtension)")
    }
}
