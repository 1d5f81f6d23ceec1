/// Parses `application/x-www-form-urlencoded` bodies the emulated services receive.
enum FormBody {
    /// Name/value pairs in order, `+` as space, percent-escapes decoded as UTF-8.
    static func parse(_ body: [UInt8]) -> [(String, String)] {
        String(decoding: body, as: UTF8.self).split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncodingSafely
            }
            return (decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }
}
