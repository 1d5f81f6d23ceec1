extension CustomerFactory {
    /// The length a `limits` value of this field must have: the strictest destination's limit,
    /// plus one when the edge is `over`.
    func targetLength(_ field: LeadField) -> Int {
        let limit = FieldLimits.strictest(field)?.limit ?? 255
        return edge == .over ? limit + 1 : limit
    }

    func limits(_ rng: inout SeededGenerator) -> (CustomerInfo, String) {
        let customer = CustomerInfo(
            firstName: Self.fit(rng.rotated(table.givenNames), separator: " ", length: targetLength(.firstName)),
            lastName: Self.fit(rng.rotated(table.familyNames), separator: "-", length: targetLength(.lastName)),
            email: limitEmail(length: targetLength(.email)),
            phone: Self.fit([Self.fill(table.phonePattern, &rng)], separator: " ", length: targetLength(.phone)),
            country: Self.fit([table.countryName], separator: " ", length: targetLength(.country)),
            company: Self.fit(rng.rotated(table.companies), separator: " ", length: targetLength(.company)),
            title: Self.fit(rng.rotated(table.titles), separator: " / ", length: targetLength(.title))
        )
        let descriptionLength = targetLength(.description)
        let padding = Self.fit([table.paddingText], separator: "", length: descriptionLength - marker.utf16.count - 1)
        return (customer, "\(marker) \(padding)")
    }

    /// An ASCII address of exactly `length` characters that still starts with the marker: the
    /// local part stays short (RFC 5321 allows 64) and a padding label in the domain takes up
    /// the rest.
    func limitEmail(length: Int) -> String {
        let fixed = markerLocalPart.utf8.count + 1 + 1 + Self.emailDomain.utf8.count
        let label = String(repeating: "x", count: max(1, length - fixed))
        return "\(markerLocalPart)@\(label).\(Self.emailDomain)"
    }

    /// Repeats `words` joined by `separator` and cuts the result to exactly `length` Unicode
    /// scalars. The text is Basic-Multilingual-Plane only, so that is also its UTF-16 length. The
    /// ends are never whitespace, which a destination might trim, so a stored value that is
    /// shorter was truncated, not tidied.
    static func fit(_ words: [String], separator: String, length: Int) -> String {
        guard length > 0 else { return "" }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(length + 64)
        var i = 0
        while scalars.count < length {
            if !scalars.isEmpty { scalars.append(contentsOf: separator.unicodeScalars) }
            scalars.append(contentsOf: words[i % words.count].unicodeScalars)
            i += 1
        }
        scalars.removeLast(scalars.count - length)
        let filler = words[0].unicodeScalars.first { !$0.properties.isWhitespace } ?? "x"
        for index in [0, scalars.count - 1] where scalars[index].properties.isWhitespace {
            scalars[index] = filler
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
