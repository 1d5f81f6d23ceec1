import LeadFlowFiles
import LeadFlows
import LeadModel
import LeadTransport
import LeadWire

/// An HTTPS endpoint: the URL Partner Center asks for, plus where its flow stores leads (for
/// read-back) and which key casing to send.
public struct HTTPSSettings: Sendable {
    /// The endpoint URL; a secret, since trigger URLs carry their signature.
    public var url: Secret
    /// Another configured destination the endpoint's flow writes to (`readback: NAME`).
    public var readback: String?
    /// A leadcheck sandbox's inspection API, where its sink keeps what it received.
    public var inspectionURL: String?
    /// How long to poll for the stored lead (flows store asynchronously), ms.
    public var readbackTimeoutMilliseconds: Int
    /// The payload's key casing (`payloadCase:`); nil means camelCase, what Microsoft's
    /// connector really sends (docs/reference/https-endpoint.md §1, corrected 2026-12-01).
    public var payloadCase: JSONKeyCase?
    /// The endpoint's flow definition (`flow: FILE`), read when the config is loaded; `verify`
    /// runs the static check of `leadcheck flow check` on it.
    public var flow: [FlowDocument]
    /// Where the flow's runs can be read (`run:`): after each delivery, the run the lead started.
    public var run: FlowRunSettings?

    /// Creates settings.
    public init(
        url: Secret, readback: String? = nil, inspectionURL: String? = nil, readbackTimeoutMilliseconds: Int = 10_000,
        payloadCase: JSONKeyCase? = nil, flow: [FlowDocument] = [], run: FlowRunSettings? = nil
    ) {
        self.run = run
        self.url = url
        self.readback = readback
        self.inspectionURL = inspectionURL
        self.readbackTimeoutMilliseconds = readbackTimeoutMilliseconds
        self.payloadCase = payloadCase
        self.flow = flow
    }
}
