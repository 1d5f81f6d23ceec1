/// Builds one lead's customer info and description for a variant from a locale table.
struct CustomerFactory {
    let cache: LocaleCache
    let marker: String
    /// The email local part: the marker, lowercased (`lctest_<runId>_<n>`), so the address is
    /// ASCII (Marketo requires it) and case-folding destinations store it unchanged.
    let markerLocalPart: String
    let edge: LimitEdge?
    let descriptionShape: DescriptionShape?

    var table: LocaleTable { cache.table }

    /// The domain of every synthetic address: reserved by RFC 2606, and never `.edu`, for which
    /// Microsoft drops personal data (docs/reference/lead.md §1).
    static let emailDomain = "example.com"
    static let atDomain = "@" + emailDomain

    func make(_ variant: LeadVariant, rng: inout SeededGenerator) -> (CustomerInfo, String?) {
        switch variant {
        case .typical: (typical(&rng), standardDescription)
        case .partial: (partial(&rng), standardDescription)
        case .unicode: unicode(&rng)
        case .limits: limits(&rng)
        case .hostile: hostile(&rng)
        case .msftTest: msftTest()
        case .descriptions: (typical(&rng), shapedDescription)
        }
    }

    var standardDescription: String { "\(marker) \(cache.sentence)" }

    /// Description as real rows carry it; the marker is in the email alone.
    var shapedDescription: String? {
        switch descriptionShape ?? .blank {
        case .absent: nil
        case .empty: ""
        case .blank: " "
        case .campaigns: "Campaigns: "
        case .contactMe: cache.contactMeNote
        }
    }

    func typical(_ rng: inout SeededGenerator) -> CustomerInfo {
        CustomerInfo(
            firstName: rng.pick(table.givenNames),
            lastName: rng.pick(table.familyNames),
            email: markerLocalPart + Self.atDomain,
            phone: Self.fill(table.phonePattern, &rng),
            country: table.country,
            company: rng.pick(table.companies),
            title: rng.pick(table.titles)
        )
    }

    /// A typical lead with a random, non-empty, proper subset of fields absent.
    func partial(_ rng: inout SeededGenerator) -> CustomerInfo {
        var customer = typical(&rng)
        let fields = CustomerField.allCases
        let mask = 1 + rng.below((1 << fields.count) - 2)
        for (bit, field) in fields.enumerated() where mask & (1 << bit) != 0 {
            customer[field] = nil
        }
        return customer
    }

    /// Microsoft's Validate lead (docs/reference/lead.md §2, docs/reference/azure-table.md §2): every text field is the token,
    /// the email is `<token>@test.com`, phone `1234567890`, country `US`. leadcheck's marker is
    /// the token, so read-back and cleanup work the same as for every other lead.
    func msftTest() -> (CustomerInfo, String) {
        let customer = CustomerInfo(
            firstName: marker, lastName: marker, email: "\(marker)@test.com", phone: "1234567890",
            country: "US", company: marker, title: marker
        )
        return (customer, marker)
    }

    /// Replaces each `#` in a pattern with a random digit.
    static func fill(_ pattern: String, _ rng: inout SeededGenerator) -> String {
        // Built in place: most numbers fit a small (inline, unallocated) String.
        String(unsafeUninitializedCapacity: pattern.utf8.count) { out in
            var index = 0
            for byte in pattern.utf8 {
                out[index] = byte == UInt8(ascii: "#") ? UInt8(0x30 + rng.below(10)) : byte
                index += 1
            }
            return index
        }
    }
}
