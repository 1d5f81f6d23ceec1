import Foundation

/// ARM templates may hold `//` and `/* */` comments (docs/reference/flows.md §7; azure-docs,
/// ARM template syntax), which JSON parsers refuse. Blanking them outside string literals keeps
/// every other byte where it was, so offsets in the text stay right.
enum JSONComments {
    /// `data` with each comment replaced by spaces (line breaks kept); nil when an unterminated
    /// `/*` would swallow the rest of the document.
    static func blanked(_ data: Data) -> Data? {
        var bytes = [UInt8](data)
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        let slash = UInt8(ascii: "/")
        let star = UInt8(ascii: "*")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let space = UInt8(ascii: " ")
        var index = 0
        var inString = false
        func blank(_ range: Range<Int>) {
            for position in range where bytes[position] != newline && bytes[position] != carriageReturn {
                bytes[position] = space
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == backslash {
                    index += 2
                    continue
                }
                if byte == quote { inString = false }
                index += 1
                continue
            }
            if byte == quote {
                inString = true
            } else if byte == slash, index + 1 < bytes.count, bytes[index + 1] == slash {
                var end = index
                while end < bytes.count, bytes[end] != newline { end += 1 }
                blank(index..<end)
                index = end
                continue
            } else if byte == slash, index + 1 < bytes.count, bytes[index + 1] == star {
                var end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == star && bytes[end + 1] == slash) { end += 1 }
                guard end + 1 < bytes.count else { return nil }
                blank(index..<(end + 2))
                index = end + 2
                continue
            }
            index += 1
        }
        return Data(bytes)
    }
}
