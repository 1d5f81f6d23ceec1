import Foundation
import LeadTransport

/// A Dataverse Web API error, `{"error":{"code":"0x…","message":"…"}}` (docs/reference/dynamics.md §5,
/// powerapps-docs compose-http-requests-handle-errors), classified by its code.
struct DataverseError: Decodable, Sendable {
    struct Body: Decodable, Sendable {
        let code: String?
        let message: String?
    }
    let error: Body?

    /// The answer decoded; an empty error when the body is not Dataverse's JSON.
    init(_ response: HTTPResponse) {
        self = (try? JSONDecoder().decode(Self.self, from: Data(response.body))) ?? Self(error: nil)
    }

    private init(error: Body?) { self.error = error }

    /// The code, lowercased (the service writes `0x8004F502` and `0x80040220` alike).
    var code: String { (error?.code ?? "").lowercased() }
    /// The message.
    var message: String { error?.message ?? "" }

    /// `0x80040220`: a table privilege the principal lacks.
    static let missingPrivilege = "0x80040220"
    /// `0x8004f502` AttributePrivilegeCreateIsMissing: a secured column without create permission.
    static let securedColumn = "0x8004f502"
    /// `0x80072560`: the application user is not a member of the organization.
    static let notAMember = "0x80072560"
    /// `0x80044331`: a value longer than its column.
    static let tooLong = "0x80044331"
    /// `0x8004431a`: a value outside a choice column's options.
    static let optionOutOfRange = "0x8004431a"
    /// Service protection limits (api-limits): requests, execution time, concurrency.
    static let throttling: Set = ["0x80072322", "0x80072321", "0x80072326"]

    /// The privilege named in a `0x80040220` message: `…is missing prvReadLead privilege…`.
    var missingPrivilegeName: String? {
        guard let range = message.range(of: #"prv[A-Za-z]+"#, options: .regularExpression) else { return nil }
        return String(message[range])
    }

    /// The column named in a `0x80044331` message: `The length of the 'subject' attribute…`.
    var tooLongColumn: String? {
        guard let range = message.range(of: #"length of the '[^']+'"#, options: .regularExpression) else { return nil }
        return String(message[range].dropFirst("length of the '".count).dropLast())
    }
}
