import CCurl
import LeadModel

/// Process-wide libcurl state. `curl_global_init` is not thread-safe and must run exactly once
/// before any other libcurl call; a Swift `static let` initialiser runs exactly once, atomically.
public enum CurlLibrary {
    private static let initResult: Int32 = Int32(bitPattern: curl_global_init(Int(CURL_GLOBAL_ALL)).rawValue)

    /// Initialises libcurl if that has not happened yet.
    public static func initialize() throws(LeadCheckError) {
        guard initResult == 0 else {
            throw .transport("curl_global_init failed with code \(initResult)")
        }
    }

    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 …`.
    public static var version: String { String(cString: curl_version()) }
}
