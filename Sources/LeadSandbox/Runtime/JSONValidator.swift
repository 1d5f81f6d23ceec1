/// Decides whether bytes are one JSON text (RFC 8259) without building anything: the HTTPS sink
/// only has to know whether a trigger could parse the body, and building Foundation objects for
/// every lead was the largest single cost of a stored lead.
///
/// Accepted: any value at the top level (Logic Apps accepts a bare string or number as a body),
/// surrounding whitespace, and a leading UTF-8 byte-order mark, which RFC 8259 §8.1 lets a parser
/// ignore. Rejected, as Foundation's JSON parser rejects them (a differential test keeps
/// the two in step): anything but UTF-8, invalid UTF-8, raw control characters in strings,
/// unpaired surrogate escapes, leading zeros, `NaN`/`Infinity`, comments, nesting deeper than
/// ``maxDepth``, and anything after the value. Also rejected, where Foundation is lenient and the
/// RFC is not: trailing commas (`[1,]`) — a sender relying on that leniency is worth a finding.
enum JSONValidator {
    /// Deepest nesting accepted; Foundation's parser stops at 512 too.
    static let maxDepth = 512

    /// Whether `bytes` are exactly one JSON text.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    /// Whether `bytes` are exactly one JSON text.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var scanner = Scanner(bytes: bytes)
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { scanner.index = 3 }
        return scanner.document()
    }

    /// One pass over the bytes. Containers are tracked on an explicit stack (one bit per level:
    /// object or array), so hostile nesting costs memory in bits, never native stack.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// Bit `i` set: level `i` is an object.
        var objects: [UInt64] = []
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8 { bytes[index] }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func push(object: Bool) -> Bool {
            guard depth < JSONValidator.maxDepth else { return false }
            let word = depth / 64
            let bit = UInt64(1) << UInt64(depth % 64)
            if word == objects.count { objects.append(0) }
            objects[word] = object ? objects[word] | bit : objects[word] & ~bit
            depth += 1
            return true
        }

        var innermostIsObject: Bool {
            let level = depth - 1
            return objects[level / 64] & (UInt64(1) << UInt64(level % 64)) != 0
        }

        /// The whole document: one value, then only whitespace.
        mutating func document() -> Bool {
            // Each turn reads one value; containers push a level and come back here for their
            // members, so the loop is the grammar's recursion unrolled.
            while true {
                skipWhitespace()
                guard !atEnd else { return false }
                switch current {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let object = current == UInt8(ascii: "{")
                    index += 1
                    guard push(object: object) else { return false }
                    skipWhitespace()
                    guard !atEnd else { return false }
                    if current == (object ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        index += 1
                        depth -= 1
                        break
                    }
                    if object {
                        guard key() else { return false }
                    }
                    continue
                case UInt8(ascii: "\""):
                    guard string() else { return false }
                case UInt8(ascii: "t"):
                    guard literal("true") else { return false }
                case UInt8(ascii: "f"):
                    guard literal("false") else { return false }
                case UInt8(ascii: "n"):
                    guard literal("null") else { return false }
                default:
                    guard number() else { return false }
                }
                // A value is complete: close containers it completes, or move to the next member.
                while true {
                    skipWhitespace()
                    if depth == 0 { return atEnd }
                    guard !atEnd else { return false }
                    let object = innermostIsObject
                    let byte = current
                    index += 1
                    if byte == UInt8(ascii: ",") {
                        if object {
                            skipWhitespace()
                            guard !atEnd, key() else { return false }
                        }
                        break
                    }
                    guard byte == (object ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return false }
                    depth -= 1
                }
            }
        }

        /// `"name" :` of an object member.
        mutating func key() -> Bool {
            guard !atEnd, current == UInt8(ascii: "\""), string() else { return false }
            skipWhitespace()
            guard !atEnd, current == UInt8(ascii: ":") else { return false }
            index += 1
            return true
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            let start = word.utf8Start
            for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
            index += count
            return true
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() -> Bool {
            if current == UInt8(ascii: "-") { index += 1 }
            guard !atEnd, isDigit(current) else { return false }
            if current == UInt8(ascii: "0") {
                index += 1
            } else {
                digits()
            }
            if !atEnd && current == UInt8(ascii: ".") {
                index += 1
                guard !atEnd, isDigit(current) else { return false }
                digits()
            }
            if !atEnd && (current == UInt8(ascii: "e") || current == UInt8(ascii: "E")) {
                index += 1
                if !atEnd && (current == UInt8(ascii: "+") || current == UInt8(ascii: "-")) { index += 1 }
                guard !atEnd, isDigit(current) else { return false }
                digits()
            }
            return true
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        mutating func digits() {
            while !atEnd && isDigit(current) { index += 1 }
        }

        /// A string from its opening quote: escapes checked, UTF-8 checked (no overlong forms,
        /// no encoded surrogates, nothing past U+10FFFF), no raw control characters.
        mutating func string() -> Bool {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return true
                case UInt8(ascii: "\\"):
                    index += 1
                    guard !atEnd else { return false }
                    let escape = current
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        guard unicodeEscape() else { return false }
                    default:
                        return false
                    }
                case 0..<0x20:
                    return false
                case 0x20..<0x80:
                    index += 1
                default:
                    guard utf8Sequence() else { return false }
                }
            }
            return false
        }

        /// After `\u`: four hex digits; a high surrogate must be followed by `\u` and a low one,
        /// and a low one may not stand alone.
        mutating func unicodeEscape() -> Bool {
            guard let unit = hex4() else { return false }
            switch unit {
            case 0xD800...0xDBFF:
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else { return false }
                index += 2
                guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return false }
                return true
            case 0xDC00...0xDFFF:
                return false
            default:
                return true
            }
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - index >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// One multi-byte UTF-8 sequence at `index` (Unicode Table 3-7's well-formed ranges).
        mutating func utf8Sequence() -> Bool {
            let lead = bytes[index]
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                secondRange = 0x80...0x9F
            case 0xF0:
                length = 4
                secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                secondRange = 0x80...0x8F
            default: return false
            }
            guard bytes.count - index >= length, secondRange.contains(bytes[index + 1]) else { return false }
            for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) { return false }
            index += length
            return true
        }
    }
}
