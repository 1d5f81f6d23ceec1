import LeadModel
import LeadTransport

extension HTTPResponse {
    /// What this exchange showed of the connection, for the reports.
    var connectionFacts: ConnectionFacts { ConnectionFacts(timings: timings, tls: tls) }
}
