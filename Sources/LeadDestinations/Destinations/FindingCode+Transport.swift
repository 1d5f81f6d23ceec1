import LeadModel
import LeadTransport

extension FindingCode {
    /// The finding code for a transport failure: the transport's kinds are named as the codes.
    public init(_ kind: TransportError.Kind) {
        self = FindingCode(rawValue: kind.rawValue) ?? .transportFailed
    }
}
