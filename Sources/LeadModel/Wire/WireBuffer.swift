/// A growable byte buffer that wire encoders write into.
///
/// Encoders append bytes directly instead of building intermediate Strings or going through
/// `JSONEncoder`: generation streams a million leads a second, and key order must be fixed
/// for byte-identical output. The storage is a raw allocation rather than `[UInt8]` because
/// per-byte `Array.append` pays a uniqueness check and retain traffic on every call, which
/// dominated the profile. One buffer belongs to one thread at a time.
public final class WireBuffer {
    // The state lives behind a pointer, not in stored `var`s: Swift enforces exclusivity on a
    // class's stored properties at run time (swift_beginAccess on every access), which cost a
    // quarter of generation time. A single owner thread makes the checks pointless here.
    private struct State {
        var storage: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var count: Int
    }

    private let state: UnsafeMutablePointer<State>

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 1024) {
        let capacity = max(16, capacity)
        state = .allocate(capacity: 1)
        state.initialize(to: State(storage: .allocate(capacity: capacity), capacity: capacity, count: 0))
    }

    deinit {
        state.pointee.storage.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The number of bytes written.
    public var count: Int { state.pointee.count }

    /// The bytes written so far, copied out.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes written from offset `start` on, copied out.
    public func bytes(from start: Int) -> [UInt8] { withUnsafeBytes { Array($0[start...]) } }

    /// Calls `body` with the bytes written so far, without copying.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: state.pointee.storage, count: state.pointee.count))
    }

    /// Forgets the contents, keeping the allocation.
    public func removeAll() { state.pointee.count = 0 }

    /// The contents as a String (they are always valid UTF-8).
    public var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    private func grow(_ needed: Int) {
        var newCapacity = state.pointee.capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: state.pointee.storage, count: state.pointee.count)
        state.pointee.storage.deallocate()
        state.pointee.storage = newStorage
        state.pointee.capacity = newCapacity
    }

    /// Appends one byte.
    @inline(__always)
    public func append(byte: UInt8) {
        let count = state.pointee.count
        if count == state.pointee.capacity { grow(count + 1) }
        state.pointee.storage[count] = byte
        state.pointee.count = count + 1
    }

    /// Appends raw bytes.
    @inline(__always)
    public func append(_ raw: UnsafeBufferPointer<UInt8>) {
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        let count = state.pointee.count
        if count + raw.count > state.pointee.capacity { grow(count + raw.count) }
        (state.pointee.storage + count).update(from: base, count: raw.count)
        state.pointee.count = count + raw.count
    }

    /// Reserves `count` bytes at the end and lets `body` write them in place.
    @inline(__always)
    public func appendInPlace(count extra: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        let count = state.pointee.count
        if count + extra > state.pointee.capacity { grow(count + extra) }
        body(state.pointee.storage + count)
        state.pointee.count = count + extra
    }

    /// Appends raw bytes.
    public func append(contentsOf other: [UInt8]) { other.withUnsafeBufferPointer { append($0) } }

    /// Appends literal text verbatim.
    @inline(__always)
    public func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Appends a String's UTF-8 verbatim.
    public func append(_ text: String) {
        withUTF8(of: text) { append($0) }
    }

    /// Calls `body` with `text`'s UTF-8 bytes. Borrowing the contiguous storage (every native
    /// String has it) avoids `withUTF8`'s mutable copy, which cost a retain and a release per
    /// field — several percent of generation time.
    @inline(__always)
    public func withUTF8(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var copy = text
            copy.withUTF8(body)
        }
    }

    /// Appends an integer in decimal.
    public func append(decimal value: Int) {
        if value < 0 {
            append(byte: UInt8(ascii: "-"))
            append(decimal: UInt(value.magnitude))
        } else {
            append(decimal: UInt(value))
        }
    }

    private func append(decimal value: UInt) {
        if value >= 10 { append(decimal: value / 10) }
        append(byte: UInt8(0x30 + value % 10))
    }
}
