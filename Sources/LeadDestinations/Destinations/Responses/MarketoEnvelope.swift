import LeadModel

/// Marketo's REST envelope, `{"requestId","success","errors":[{"code","message"}],"result":[…]}`,
/// which comes with HTTP 200 whether or not the call worked (docs/reference/marketo.md §3).
struct MarketoEnvelope: Decodable, Sendable {
    /// An error of the call, or a reason of a record; codes are documented as strings
    /// (`"601"`), read as numbers too.
    struct Problem: Decodable, Sendable {
        let code: JSONValue?
        let message: String?
        /// The code as text, `""` when none.
        var codeText: String { code?.text ?? "" }
    }

    /// One result record: its `id`, `status` (`created`, `updated`, `skipped`, `deleted`) and
    /// `reasons`, beside the lead fields a read asked for.
    struct Record: Decodable, Sendable {
        let id: Int64?
        let status: String?
        let reasons: [Problem]?
        /// Every member, the lead fields among them.
        let fields: JSONObject

        enum CodingKeys: String, CodingKey { case id, status, reasons }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try? container.decodeIfPresent(Int64.self, forKey: .id)
            status = try? container.decodeIfPresent(String.self, forKey: .status)
            reasons = try? container.decodeIfPresent([Problem].self, forKey: .reasons)
            fields = try JSONObject(from: decoder)
        }

        /// The text of a lead field, nil when absent, null or not text.
        subscript(field: String) -> String? { fields[field]?.string }
    }

    let success: Bool
    let errors: [Problem]
    let result: [Record]

    enum CodingKeys: String, CodingKey { case success, errors, result }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        success = try container.decodeIfPresent(Bool.self, forKey: .success) ?? false
        errors = try container.decodeIfPresent([Problem].self, forKey: .errors) ?? []
        result = try container.decodeIfPresent([Record].self, forKey: .result) ?? []
    }

    /// The envelope of an answer, or nil when the body is not Marketo's JSON.
    init?(_ body: [UInt8]) {
        guard let envelope = JSONValue.decode(Self.self, from: body) else { return nil }
        self = envelope
    }
}
