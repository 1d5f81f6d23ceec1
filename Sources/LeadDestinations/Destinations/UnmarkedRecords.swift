import LeadModel
import LeadWire

/// Records that appeared where an HTTPS endpoint's flow writes, during a run, without a
/// leadcheck marker: what tells why a lead the endpoint acknowledged is found nowhere.
public struct UnmarkedRecords: Sendable, Hashable {
    /// Records whose every customer field and Description is blank.
    public var blank = 0
    /// Records that hold some value but no marker (the flow keeps neither email nor Description,
    /// where the marker travels).
    public var withValues = 0
    /// The key paths the blank records hold, as the flow spelled them (`UserDetails.FirstName`,
    /// `name`); nil where the store's columns are its own (an Azure Table entity).
    public var keyPaths: Set<String>?

    /// Creates a tally.
    public init(blank: Int = 0, withValues: Int = 0, keyPaths: Set<String>? = nil) {
        self.blank = blank
        self.withValues = withValues
        self.keyPaths = keyPaths
    }

    /// The lead's keys as Microsoft's connector sends them (camelCase, docs/reference/https-endpoint.md §1).
    static let leadKeys = [
        "userDetails", "firstName", "lastName", "email", "phone", "country", "company", "title",
        "leadSource", "actionCode", "offerTitle", "description",
    ]

    /// The keys in `keyPaths` that are the lead's in some casing, each with whether it is
    /// spelled as the payload of `keyCase` spells it.
    func leadKeys(sent keyCase: JSONKeyCase) -> [(key: String, asSent: Bool)] {
        let known = Dictionary(uniqueKeysWithValues: Self.leadKeys.map { ($0.lowercased(), $0) })
        return (keyPaths ?? []).flatMap { $0.split(separator: ".").map(String.init) }.compactMap { key in
            guard let camel = known[key.lowercased()] else { return nil }
            let sent = keyCase == .camel ? camel : camel.prefix(1).uppercased() + camel.dropFirst()
            return (key, key == sent)
        }
    }
}
