import Foundation

/// The keys a receiver's flow reads the lead with, for the sink's `reads=` fault: the docs'
/// PascalCase schema (PC-https) or the camelCase Microsoft really sends (docs/reference/https-endpoint.md §1).
/// The sandbox keeps its own key lists rather than the client's encoder, so a casing bug in the
/// client cannot pass here too.
public enum FlowKeyCasing: String, Sendable, Hashable {
    /// `UserDetails.FirstName`, `LeadSource`, …
    case pascal
    /// `userDetails.firstName`, `leadSource`, …
    case camel

    private var user: String { self == .pascal ? "UserDetails" : "userDetails" }
    private var customerKeys: [String] {
        let keys = ["FirstName", "LastName", "Email", "Phone", "Country", "Company", "Title"]
        return self == .pascal ? keys : keys.map { $0.prefix(1).lowercased() + $0.dropFirst() }
    }
    private var leadKeys: [String] {
        let keys = ["LeadSource", "ActionCode", "OfferTitle", "Description"]
        return self == .pascal ? keys : keys.map { $0.prefix(1).lowercased() + $0.dropFirst() }
    }

    /// What such a flow stores for a body: each key read case-sensitively, "" where absent (a
    /// `?`-guarded expression yields null, which a string column stores blank).
    func stored(from body: [UInt8]) -> [UInt8] {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        let details = object[user] as? [String: Any] ?? [:]
        var out: [String: Any] = [:]
        out[user] = Dictionary(uniqueKeysWithValues: customerKeys.map { ($0, details[$0] as? String ?? "") })
        for key in leadKeys { out[key] = object[key] as? String ?? "" }
        return (try? JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])).map(Array.init) ?? body
    }
}
