/// Maximum lengths, in UTF-16 code units, that each destination stores for each lead field
/// (docs/reference/lead.md §3, with the evidence label of each number in the comment beside it).
///
/// Dataverse and Salesforce store strings as UTF-16 (SQL `nvarchar`, Java `String`), so their
/// lengths are counted in UTF-16 units: 𠮷 counts as two. That unit is [INF] for both.
public enum FieldLimits {
    /// The limit a destination applies to a field, `nil` where none is documented.
    public static func limit(of field: LeadField, at destination: DestinationKind) -> Int? {
        table[destination]?[field]
    }

    /// The strictest limit any destination applies, and which destination applies it. The
    /// `limits` variant sits exactly here and one over.
    public static func strictest(_ field: LeadField) -> (limit: Int, destination: DestinationKind)? {
        var best: (Int, DestinationKind)?
        for destination in DestinationKind.allCases {
            guard let limit = limit(of: field, at: destination) else { continue }
            if best == nil || limit < best!.0 { best = (limit, destination) }
        }
        return best
    }

    /// The fields of `lead` longer than `destination` stores, with their length and limit.
    public static func overLimit(_ lead: Lead, at destination: DestinationKind) -> [(
        field: LeadField, length: Int, limit: Int
    )] {
        var out: [(field: LeadField, length: Int, limit: Int)] = []
        for field in LeadField.allCases {
            guard let limit = limit(of: field, at: destination) else { continue }
            let value: String? =
                field.customerField.map { lead.customer[$0] } ?? (field == .description ? lead.description : nil)
            if let length = value?.utf16.count, length > limit { out.append((field, length, limit)) }
        }
        return out
    }

    private static let table: [DestinationKind: [LeadField: Int]] = [
        // The HTTPS JSON schema documents no lengths.
        .https: [:],
        // Edm.String holds at most 32 K UTF-16 characters [DOC]; customer fields all live inside
        // the one CustomerInfo string, so this bounds their sum, checked separately.
        .azureTable: [.description: 32_768, .leadSource: 32_768],
        // ce/developer/entities/lead.md [DOC].
        .dynamics: [
            .firstName: 50, .lastName: 50, .email: 100, .phone: 50, .country: 80,
            .company: 100, .title: 100, .description: 2000, .leadSource: 300, // subject: 300
        ],
        // Marketo's default string length is 255 [INF]; only `company` is seen in a describe
        // example [DOC]. Email must also be ASCII.
        .marketo: [
            .firstName: 255, .lastName: 255, .email: 255, .phone: 255, .country: 255,
            .company: 255, .title: 255, .leadSource: 255,
        ],
        // Salesforce Lead field reference [DOC]; Title 128 is [INF]. Company is 255 on the object:
        // the generated form's maxlength 40 is client-side HTML only, and Microsoft's connector
        // posts server-side. LeadSource is an unrestricted picklist, whose values may be up to
        // 255 characters [INF]: Microsoft's own `Source-Action|offer` values pass 40, and
        // partners do receive them (docs/reference/salesforce.md §3 says "may be truncated or rejected"; unverified).
        .salesforce: [
            .firstName: 40, .lastName: 80, .email: 80, .phone: 40, .country: 80,
            .company: 255, .title: 128, .description: 32_000, .leadSource: 255,
        ],
    ]
}
