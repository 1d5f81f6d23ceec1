import Foundation
import LeadModel

/// What finds a delivered lead's stored record. Each destination hands out the kind it can look
/// up, and the journal keeps it, so a later cleanup finds the same record.
public enum Receipt: Sendable, Hashable {
    /// An Azure Table entity's keys.
    case entity(partitionKey: String, rowKey: String)
    /// The id the service returned for the record (a Dataverse `leadid`, a Marketo lead id).
    case recordID(String)
    /// The lead's email, where the service returns no id (Web-to-Lead) or said none.
    case email(String)
    /// The lead's marker: an HTTPS endpoint's leads, or a lead without an email.
    case marker(String)

    /// The kinds, as the journal names them.
    public enum Kind: String, Sendable, Codable {
        case entity, recordID, email, marker
    }

    /// This receipt's kind.
    public var kind: Kind {
        switch self {
        case .entity: .entity
        case .recordID: .recordID
        case .email: .email
        case .marker: .marker
        }
    }

    /// The text the journal keeps: the entity's keys on two lines, otherwise the value itself.
    public var text: String {
        switch self {
        case .entity(let partitionKey, let rowKey): "\(partitionKey)\n\(rowKey)"
        case .recordID(let value), .email(let value), .marker(let value): value
        }
    }

    /// The receipt a journal line holds. Journals written before receipts had a kind carry only
    /// the text; then its destination's kind tells what it is (Azure Table: keys; HTTPS: the
    /// marker; elsewhere an email has an `@`, a Marketo id is digits, a Dataverse id a GUID).
    public init(text: String, kind: Kind?, destination: DestinationKind) {
        switch kind ?? Self.legacyKind(text, destination: destination) {
        case .entity:
            let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            self = .entity(partitionKey: String(parts[0]), rowKey: parts.count > 1 ? String(parts[1]) : "")
        case .recordID: self = .recordID(text)
        case .email: self = .email(text)
        case .marker: self = .marker(text)
        }
    }

    private static func legacyKind(_ text: String, destination: DestinationKind) -> Kind {
        switch destination {
        case .azureTable: return .entity
        case .https: return .marker
        case .dynamics, .marketo, .salesforce:
            if text.contains("@") { return .email }
            if destination == .marketo, !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                return .recordID
            }
            if destination == .dynamics, UUID(uuidString: text) != nil { return .recordID }
            return .marker
        }
    }
}
