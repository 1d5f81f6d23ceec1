import Foundation
import Synchronization

/// Bearer tokens an emulated identity service issued, with their expiry. Thread-safe.
final class TokenBook: Sendable {
    private let expiries = Mutex<[String: Date]>([:])

    /// Issues a new opaque token valid for `lifetime` seconds.
    func issue(lifetime: Int, prefix: String = "") -> String {
        var bytes = [UInt8](repeating: 0, count: 24)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let token =
            prefix
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "+", with: "-")
        register(token, lifetime: lifetime)
        return token
    }

    /// Records a token made elsewhere (Marketo's `uuid:pod` form).
    func register(_ token: String, lifetime: Int) {
        expiries.withLock { $0[token] = Date().addingTimeInterval(Double(lifetime)) }
    }

    /// Whether the token was issued and has not expired.
    func isValid(_ token: String) -> Bool {
        expiries.withLock { ($0[token] ?? .distantPast) > Date() }
    }

    /// Ends a token's life now (the `token-expired` fault).
    func expire(_ token: String) {
        expiries.withLock { $0[token] = Date.distantPast }
    }
}
