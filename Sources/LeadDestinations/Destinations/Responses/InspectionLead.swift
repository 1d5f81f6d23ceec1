import LeadModel

/// A lead as the sandbox's inspection API lists it (`GET /leads?destination=https`, the
/// inspection API): the marker it carries, when it was stored, and the body as received.
struct InspectionLead: Decodable, Sendable {
    let marker: String?
    let storedAt: String?
    let record: String?

    /// The stored body as a JSON object, nil when it is not one.
    var body: JSONObject? { record.flatMap { JSONValue.decode(JSONObject.self, from: Array($0.utf8)) } }

    /// The inspection API's answer to a `DELETE /leads`: how many it removed.
    struct Deletion: Decodable, Sendable {
        let deleted: Int
    }
}
