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
        let object = SandboxJSON.parseObject(body) ?? [:]
        let details = object[user]?.object ?? [:]
        var out: [String: SandboxJSON] = [:]
        out[user] = .object(
            Dictionary(uniqueKeysWithValues: customerKeys.map { ($0, .string(details[$0]?.string ?? "")) }))
        for key in leadKeys { out[key] = .string(object[key]?.string ?? "") }
        return SandboxJSON.object(out).bytes
    }
}
