import CPlatform
import Foundation
import Testing
import TestSupport
@testable import LeadCheck

@Suite struct OutputFileTests {
    /// Bytes that differ from one offset to the next, so a block written at the wrong offset or
    /// twice cannot go unnoticed.
    static func pattern(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// Past 8 MiB a file on disk goes direct from staging blocks; pieces of every awkward size
    /// (one byte, one under and over a block, several blocks at once) land at the right offsets,
    /// and the unaligned tail is there too.
    @Test func directWritesKeepEveryByteInOrder() throws {
        let directory = try TemporaryDirectory.onPackageDisk()
        let path = directory.path("bulk.bin")
        let expected = Self.pattern(23 << 20 + 4_321)
        let file = try OutputFile(path: path)
        let sizes = [1, 4_095, 4_097, (1 << 20) + 3, 7, (5 << 20) + 1, 65_536, 2 << 20, 511]
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
        let onDisk = Self.isOnDisk(directory.url.path)
        #expect(file.wroteDirectly == onDisk, "direct: \(file.wroteDirectly), on disk: \(onDisk)")
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["bulk.bin"])
    }

    /// Small files never start the direct writer (its thread and staging blocks).
    @Test func smallFilesAreWrittenThroughThePageCache() throws {
        let directory = try TemporaryDirectory.onPackageDisk()
        let path = directory.path("report.json")
        let file = try OutputFile(path: path)
        let bytes = Self.pattern(3 << 20)
        try bytes.withUnsafeBufferPointer { all throws(LeadCheckError) in try file.write(all) }
        #expect(!file.wroteDirectly)
        try file.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
    }

    /// A run that fails after the direct writer started leaves nothing behind and stops its thread.
    @Test func abandonedDirectFileLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory.onPackageDisk()
        do {
            let file = try OutputFile(path: directory.path("bulk.bin"))
            try Self.pattern(12 << 20).withUnsafeBufferPointer { all throws(LeadCheckError) in try file.write(all) }
            #expect(file.wroteDirectly == Self.isOnDisk(directory.url.path))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    /// A descriptor that opened for O_DIRECT but refuses the writes (here: a read-only one) sends
    /// every block through the page cache instead, and nothing is lost.
    @Test func refusedDirectWritesFallBackToThePageCache() throws {
        let directory = try TemporaryDirectory.onPackageDisk()
        let path = directory.path("bulk.bin")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        let writer = try #require(DirectFileWriter(path: path, bufferedFD: fd, offset: 0, openDirect: { open($0, O_RDONLY) }))
        let expected = Self.pattern(7 << 20 + 123)
        try expected.withUnsafeBufferPointer { all throws(LeadCheckError) in
            var offset = 0
            while offset < all.count {
                let size = min(1_000_003, all.count - offset)
                try writer.append(UnsafeBufferPointer(rebasing: all[offset..<(offset + size)]))
                offset += size
            }
        }
        try writer.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
    }

    static func isOnDisk(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return fd >= 0 && lc_is_memory_file_system(fd) == 0
    }
}
