import Foundation

/// A fresh directory under the system temporary folder, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    /// A fresh directory in `parent` (the system temporary folder by default).
    public init(in parent: URL = FileManager.default.temporaryDirectory) throws {
        url = parent.appendingPathComponent("leadcheck-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A fresh directory on the disk the package is checked out on (under `.build`), for tests
    /// of what a disk does differently from a tmpfs `/tmp`.
    public static func onPackageDisk() throws -> TemporaryDirectory {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try TemporaryDirectory(in: root.appendingPathComponent(".build/test-scratch"))
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
