extension CustomerFactory {
    /// Script and code-point stress that survives only a clean UTF-8 pipeline: right-to-left
    /// Arabic and Hebrew, a ZWJ emoji sequence with a skin tone, a decomposed é (combining
    /// acute, which NFC would change), and 𠮷 outside the BMP.
    static let unicodeSampler = "العربية · עברית · 👩🏽\u{200D}💻 · Cafe\u{301} · 𠮷"

    func unicode(_ rng: inout SeededGenerator) -> (CustomerInfo, String) {
        let customer = CustomerInfo(
            firstName: rng.pick(table.unicodeGivenNames),
            lastName: rng.pick(table.unicodeFamilyNames),
            email: markerLocalPart + Self.atDomain,
            phone: Self.fill(table.phonePattern, &rng),
            country: table.country,
            company: "\(rng.pick(table.unicodeCompanies)) 🚀",
            title: rng.pick(table.titles)
        )
        return (customer, "\(standardDescription) \(Self.unicodeSampler)")
    }
}
