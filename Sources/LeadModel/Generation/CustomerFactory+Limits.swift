extension CustomerFactory {
    func limits(_ rng: inout SeededGenerator) -> (CustomerInfo, String) {
        let values = cache.limitValues(edge ?? .at)
        // Leads past the planned count (a caller asking beyond `count`) get their email tail and
        // padding built here; the cache covers every marker length of the planned range.
        let length = marker.utf8.count
        let customer = CustomerInfo(
            firstName: rng.pick(values.firstNames),
            lastName: rng.pick(values.lastNames),
            email: markerLocalPart
                + (values.emailTails[length] ?? Self.limitEmailTail(localPartLength: length, length: values.emailLimit)),
            phone: Self.fill(values.phonePattern, &rng),
            country: values.country,
            company: rng.pick(values.companies),
            title: rng.pick(values.titles)
        )
        let padding =
            values.descriptionPadding[length]
            ?? LocaleCache.LimitValues.padding(
                table, descriptionLimit: values.descriptionLimit, markerLength: marker.utf16.count)
        return (customer, "\(marker) \(padding)")
    }

    /// The part after the local part of an ASCII address of exactly `length` characters that
    /// still starts with the marker: the local part stays short (RFC 5321 allows 64) and a
    /// padding label in the domain takes up the rest.
    static func limitEmailTail(localPartLength: Int, length: Int) -> String {
        let fixed = localPartLength + 1 + 1 + emailDomain.utf8.count
        let label = String(repeating: "x", count: max(1, length - fixed))
        return "@\(label).\(emailDomain)"
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
