import Foundation

extension String {
    /// Percent-decoded, or unchanged when the escapes are invalid.
    var removingPercentEncodingSafely: String { removingPercentEncoding ?? self }
}
