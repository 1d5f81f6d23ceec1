/// The decodable form of leadcheck's lead record (`docs/lead-record.md`), for reading leads
/// back from `generate --format ndjson` output.
struct LeadRecord: Decodable {
    struct OfferRecord: Decodable {
        let id: String
        let title: String
    }

    struct CustomerRecord: Decodable {
        let firstName: String?
        let lastName: String?
        let email: String?
        let phone: String?
        let country: String?
        let company: String?
        let title: String?
    }

    let runId: String
    let sequence: Int
    let source: String
    let action: String
    let variant: String
    let limitEdge: String?
    let descriptionShape: String?
    let marker: String?
    let locale: String
    let offer: OfferRecord
    let customer: CustomerRecord
    let description: String?
    let createdTime: String
    let guid: String
}
