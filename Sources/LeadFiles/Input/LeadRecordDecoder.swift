import Foundation
import LeadModel

/// Turns lead-record lines back into leads, with errors that name the file, the line and the
/// field.
public struct LeadRecordDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes one line; `location` is `file:line` for messages.
    public func decode(_ line: [UInt8], location: String) throws(LeadCheckError) -> Lead {
        let record: LeadRecord
        do {
            record = try JSONDecoder().decode(LeadRecord.self, from: Data(line))
        } catch let DecodingError.keyNotFound(key, _) {
            throw .invalidInput(location: location, reason: "missing field '\(key.stringValue)' in the lead record")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidInput(
                location: location,
                reason: "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw .invalidInput(
                location: location,
                reason:
                    "not a JSON lead record (expected one object per line, as `leadcheck generate --format ndjson` writes)"
            )
        }
        func choice<T: RawRepresentable & CaseIterable>(_ value: String, _ field: String) throws(LeadCheckError) -> T
        where T.RawValue == String {
            guard let parsed = T(rawValue: value) else {
                throw .invalidInput(
                    location: location,
                    reason:
                        "field '\(field)' is '\(value)'; expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return parsed
        }
        let runID: RunID
        do { runID = try RunID(record.runId, flag: "runId") } catch {
            throw .invalidInput(location: location, reason: error.message)
        }
        guard let createdTime = LeadTimestamp(iso8601: record.createdTime) else {
            throw .invalidInput(
                location: location,
                reason: "field 'createdTime' is '\(record.createdTime)'; expected YYYY-MM-DDTHH:MM:SSZ")
        }
        guard let guid = LeadGUID(parsing: record.guid) else {
            throw .invalidInput(location: location, reason: "field 'guid' is not a GUID")
        }
        guard record.sequence >= 1 else {
            throw .invalidInput(location: location, reason: "field 'sequence' must be ≥ 1")
        }
        let c = record.customer
        return Lead(
            runID: runID, sequence: record.sequence,
            pair: MatrixPair(try choice(record.source, "source"), try choice(record.action, "action")),
            variant: try choice(record.variant, "variant"),
            limitEdge: try record.limitEdge.map { value throws(LeadCheckError) in try choice(value, "limitEdge") },
            descriptionShape: try record.descriptionShape.map { value throws(LeadCheckError) in
                try choice(value, "descriptionShape")
            },
            locale: try choice(record.locale, "locale"),
            offer: Offer(id: record.offer.id, title: record.offer.title),
            customer: CustomerInfo(
                firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone,
                country: c.country, company: c.company, title: c.title),
            description: record.description, createdTime: createdTime, guid: guid,
            marker: try record.marker.map { value throws(LeadCheckError) in
                // A record's marker is kept as written only when it is one leadcheck makes.
                guard value == runID.marker(record.sequence) || value.hasPrefix(LeadMarker.microsoftTestPrefix) else {
                    throw .invalidInput(
                        location: location,
                        reason:
                            "field 'marker' is '\(value)'; expected \(runID.marker(record.sequence)) or a MSFT_TEST_ token"
                    )
                }
                return value
            }
        )
    }
}
