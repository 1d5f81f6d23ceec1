import Foundation
import LeadModel

/// Reads the lead a captured request carried — Microsoft's JSON (in either casing) or its
/// Web-to-Lead form — into leadcheck's lead model, so `send --input CAPTURE` can deliver a real
/// Validate lead to any destination as Microsoft's connector would. Values are kept exactly;
/// the marker is the capture's `MSFT_TEST_` token when it carries one.
public enum CapturedLead {
    /// The lead in `record`, numbered `sequence` of run `runID`; `offer` supplies the offer id
    /// (Microsoft's payload carries only its title).
    public static func lead(from record: CaptureRecord, runID: RunID, sequence: Int, offer: Offer, location: String)
        throws(LeadCheckError) -> Lead
    {
        let bytes = record.bytes
        var fields: [String: String] = [:]
        var leadSource: String?
        var actionCode: String?
        var offerTitle: String?
        var description: String?
        if let object = try? JSONDecoder().decode(JSONObject.self, from: Data(bytes)) {
            func member(_ object: JSONObject, _ key: String) -> JSONValue? {
                object.first { $0.key.lowercased() == key.lowercased() }?.value
            }
            // Microsoft's JSON lead has these top-level members (docs/reference/https-endpoint.md §1);
            // an object with none of them (`{}`, another service's payload) is no lead to deliver.
            guard
                ["userDetails", "leadSource", "actionCode", "offerTitle"].contains(where: { member(object, $0) != nil })
            else {
                throw .invalidInput(
                    location: location,
                    reason:
                        "the captured JSON is not a Microsoft lead (no userDetails, leadSource, actionCode or offerTitle)"
                )
            }
            let user = member(object, "userDetails")?.object ?? [:]
            for field in CustomerField.allCases { fields[field.rawValue] = member(user, field.rawValue)?.string }
            (leadSource, actionCode) = (member(object, "leadSource")?.string, member(object, "actionCode")?.string)
            (offerTitle, description) = (member(object, "offerTitle")?.string, member(object, "description")?.string)
        } else {
            let form = formFields(bytes)
            guard form["oid"] != nil || form["last_name"] != nil || form["email"] != nil else {
                throw .invalidInput(
                    location: location, reason: "the captured body is neither a JSON lead nor a Web-to-Lead form")
            }
            let names: [CustomerField: String] = [
                .firstName: "first_name", .lastName: "last_name", .email: "email", .phone: "phone",
                .country: "country", .company: "company", .title: "title",
            ]
            for (field, name) in names { fields[field.rawValue] = form[name] }
            leadSource = form["lead_source"]
            description = form["description"]
        }
        // `Source-Action|Offer` (the Salesforce shape) or the source alone beside actionCode.
        var sourceToken = leadSource ?? "AzureMarketplace"
        if let bar = sourceToken.firstIndex(of: "|") {
            offerTitle = offerTitle ?? String(sourceToken[sourceToken.index(after: bar)...])
            sourceToken = String(sourceToken[..<bar])
        }
        if actionCode == nil, let dash = sourceToken.lastIndex(of: "-") {
            actionCode = String(sourceToken[sourceToken.index(after: dash)...])
            sourceToken = String(sourceToken[..<dash])
        }
        let source = MarketplaceSource(wireToken: sourceToken) ?? .azureMarketplace
        let action =
            LeadAction.allCases.first { $0.rawValue.lowercased() == (actionCode ?? "INS").lowercased() } ?? .install
        let text = String(decoding: bytes, as: UTF8.self)
        let token = text.firstMatch(of: /MSFT_TEST_[0-9]{18}/).map { String($0.output) }
        var generator = SystemRandomNumberGenerator()
        return Lead(
            runID: runID, sequence: sequence, pair: MatrixPair(source, action),
            variant: token == nil ? .typical : .msftTest, locale: .enUS,
            offer: Offer(id: offer.id, title: offerTitle ?? offer.title),
            customer: CustomerInfo(
                firstName: fields["FirstName"], lastName: fields["LastName"], email: fields["Email"],
                phone: fields["Phone"],
                country: fields["Country"], company: fields["Company"], title: fields["Title"]),
            description: description,
            createdTime: LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)),
            guid: LeadGUID(using: &generator), marker: token
        )
    }

    /// A form body's fields (the first value of each), percent- and plus-decoded.
    public static func formFields(_ bytes: [UInt8]) -> [String: String] {
        var pairs: [String: String] = [:]
        for part in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let key = decode(kv[0])
            if pairs[key] == nil { pairs[key] = kv.count > 1 ? decode(kv[1]) : "" }
        }
        return pairs
    }
}
