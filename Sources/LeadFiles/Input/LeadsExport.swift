import Foundation
import LeadModel

/// Partner Center's leads export (CSV, at most 5,000 rows a download; its column names are
/// not documented — docs/reference/partner-center.md §3): the header row drives it, with guesses
/// for common names and `--column FIELD=HEADER` overrides.
public struct LeadsExport: Sendable {
    /// The fields reconcile reads.
    public static let fields = [
        "email", "firstName", "lastName", "company", "phone", "country", "title", "offerTitle", "leadSource",
        "createdAt",
    ]

    /// Header names tried for each field (compared without case, spaces or punctuation) [inferred].
    static let guesses: [String: [String]] = [
        "email": ["email", "emailaddress", "contactemail", "customeremail", "useremail", "businessemail", "mail"],
        "firstName": ["firstname", "givenname", "contactfirstname"],
        "lastName": ["lastname", "surname", "familyname", "contactlastname"],
        "company": ["company", "companyname", "organization", "organisation", "account"],
        "phone": ["phone", "phonenumber", "telephone", "businessphone"],
        "country": ["country", "countryregion", "countryorregion"],
        "title": ["title", "jobtitle"],
        "offerTitle": ["offer", "offertitle", "offername", "product", "productname", "offerdisplayname"],
        "leadSource": ["leadsource", "source"],
        "createdAt": [
            "created", "createddate", "createdat", "createdon", "datecreated", "date", "receivedon", "receiveddate",
        ],
    ]

    /// One exported lead.
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var values: [String: String]

        public var email: String? {
            values["email"].flatMap {
                $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces)
            }
        }

        /// When it was created, when the export says and it reads as ISO 8601 (`2026-11-30`,
        /// `2026-11-30T10:00:00Z`) or M/d/yyyy.
        public var createdAt: Date? {
            guard let text = values["createdAt"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                return nil
            }
            if let date = try? Date(text, strategy: .iso8601) { return date }
            let day = text.split(separator: " ").first.map(String.init) ?? text
            if let date = try? Date(day + "T00:00:00Z", strategy: .iso8601) { return date }
            let parts = day.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            return try? Date(
                String(format: "%04d-%02d-%02dT00:00:00Z", parts[2], parts[0], parts[1]), strategy: .iso8601)
        }
    }

    public var rows: [Row]
    /// Which header each field was read from.
    public var columns: [String: String]

    /// Reads `table`; `overrides` are `--column FIELD=HEADER`.
    public init(_ table: CSVTable, file: String, overrides: [String: String]) throws(LeadCheckError) {
        func normalized(_ text: String) -> String { text.lowercased().filter { $0.isLetter || $0.isNumber } }
        var index: [String: Int] = [:]
        for field in Self.fields {
            if let header = overrides[field] {
                guard
                    let position = table.header.firstIndex(where: {
                        $0 == header || normalized($0) == normalized(header)
                    })
                else {
                    throw .invalidInput(
                        location: file,
                        reason:
                            "--column \(field)=\(header): no such column; the headers are \(table.header.map { "'\($0)'" }.joined(separator: ", "))"
                    )
                }
                index[field] = position
            } else if let position = table.header.firstIndex(where: {
                Self.guesses[field]?.contains(normalized($0)) == true
            }) {
                index[field] = position
            }
        }
        guard index["email"] != nil else {
            throw .invalidInput(
                location: file,
                reason:
                    "no email column found; the headers are \(table.header.map { "'\($0)'" }.joined(separator: ", ")): name it with --column email=HEADER"
            )
        }
        columns = index.mapValues { table.header[$0] }
        rows = table.rows.map { row in
            Row(
                line: row.line,
                values: index.compactMapValues { row.fields.indices.contains($0) ? row.fields[$0] : nil })
        }
    }

    /// The offer a row names: the configured one when the titles agree (it has the id); another
    /// is known by its name alone, which is what Microsoft writes after the bar of a lead source
    /// (`…|<Offer Name>`, docs/reference/lead.md §2), so the name stands in for the id.
    static func offer(named title: String?, configured: Offer) -> Offer {
        guard let title, title.caseInsensitiveCompare(configured.title) != .orderedSame else { return configured }
        return Offer(id: title, title: title)
    }

    /// The lead a row describes, for delivery as Microsoft's connector would deliver it; `offer`
    /// gives the id (the export gives at most the title).
    public func lead(_ row: Row, runID: RunID, sequence: Int, offer: Offer) -> Lead {
        func value(_ field: String) -> String? { row.values[field].flatMap { $0.isEmpty ? nil : $0 } }
        var source = MarketplaceSource.azureMarketplace
        var action = LeadAction.install
        if let text = value("leadSource") {
            let head = String(text.split(separator: "|").first ?? "")
            let parts = head.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if let first = parts.first, let named = MarketplaceSource(wireToken: first) { source = named }
            if parts.count > 1, let found = LeadAction.allCases.first(where: { $0.rawValue.lowercased() == parts[1] }) {
                action = found
            }
        }
        var generator = SystemRandomNumberGenerator()
        return Lead(
            runID: runID, sequence: sequence, pair: MatrixPair(source, action), variant: .typical, locale: .enUS,
            offer: Self.offer(named: value("offerTitle"), configured: offer),
            customer: CustomerInfo(
                firstName: value("firstName"), lastName: value("lastName"), email: row.email, phone: value("phone"),
                country: value("country"), company: value("company"), title: value("title")),
            description: nil, createdTime: LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)),
            guid: LeadGUID(using: &generator)
        )
    }
}
