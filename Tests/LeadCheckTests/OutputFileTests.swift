import Foundation
import TestSupport
import Testing

@testable import LeadFiles
@testable import LeadModel

/// A file appears whole or not at all: written under a temporary name, renamed when finished.
@Suite struct OutputFileTests {
    /// Bytes that differ from one offset to the next, so a piece written at the wrong offset or
    /// twice cannot go unnoticed.
    static func pattern(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// Pieces of every awkward size land in order, and the file exists only once finished.
    @Test func piecesLandInOrderAndTheFileAppearsOnlyWhenFinished() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("bulk.bin")
        let expected = Self.pattern(9 << 20 + 4_321)
        let file = try OutputFile(path: path)
        let sizes = [1, 4_095, 4_097, (1 << 20) + 3, 7, (3 << 20) + 1, 65_536, 511]
        var offset = 0
        var piece = 0
        try expected.withUnsafeBufferPointer { all throws(LeadCheckError) in
            while offset < all.count {
                let size = min(sizes[piece % sizes.count], all.count - offset)
                try file.write(UnsafeBufferPointer(rebasing: all[offset..<(offset + size)]))
                offset += size
                piece += 1
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["bulk.bin"])
    }

    /// A run that fails before finishing leaves nothing behind, and an older file is untouched.
    @Test func anAbandonedFileLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("bulk.bin")
        try OutputFile.write("old", to: path)
        do {
            let file = try OutputFile(path: path)
            try Self.pattern(2 << 20).withUnsafeBufferPointer { all throws(LeadCheckError) in try file.write(all) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["bulk.bin"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    /// A directory is refused by name, before anything is written.
    @Test func aDirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: LeadCheckError.self) { try OutputFile(path: directory.url.path) }
    }
}
