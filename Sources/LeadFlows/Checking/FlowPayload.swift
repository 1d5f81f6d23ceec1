import Foundation
import LeadModel
import LeadWire

/// One body Microsoft's connector may POST to the flow's trigger, decoded, with the lead it
/// carries: the static check evaluates the definition against each.
public struct FlowPayload: Sendable, Hashable {
    /// Which lead, for evidence: variant, locale and marker.
    public let label: String
    /// The decoded JSON body.
    public let body: JSONValue
    /// Whether this is Microsoft's Validate lead, whose members keep the FAQ's PascalCase
    /// whatever real leads use (docs/reference/lead.md §2): it does not decide what casing is "sent".
    public let isValidateLead: Bool

    /// Creates a payload.
    public init(label: String, body: JSONValue, isValidateLead: Bool = false) {
        self.label = label
        self.body = body
        self.isValidateLead = isValidateLead
    }

    /// Every shape of lead Microsoft sends (docs/reference/https-endpoint.md §1): each variant and locale of
    /// the default plan, in `keyCase` (camelCase, as the connector really sends it), with absent
    /// customer fields both left out and written as `null` (which of the two the connector does
    /// is undocumented, `AbsentFieldStyle` — so a flow must survive both), and Microsoft's
    /// Validate lead.
    public static func microsoft(keyCase: JSONKeyCase = .camel, seed: UInt64 = 1) -> [FlowPayload] {
        let generator = LeadGenerator(options: GenerationOptions(seed: seed))
        var seen = Set<JSONValue>()
        var payloads: [FlowPayload] = []
        for lead in generator.leads() {
            for absent in [AbsentFieldStyle.omit, .null] {
                let encoder = HTTPSLeadEncoder(options: HTTPSWireOptions(keyCase: keyCase, absentFields: absent))
                guard let body = try? JSONDecoder().decode(JSONValue.self, from: Data(encoder.encode(lead))) else {
                    continue
                }
                if lead.variant == .msftTest {
                    // Microsoft's Validate lead, in both shapes the evidence shows
                    // (docs/reference/flows.md §7): the FAQ's sample (userDetails with PascalCase
                    // members) and fully camelCase, as a partner captured it (azure-docs#58230).
                    for (body, shape) in [
                        (body, "the FAQ's sample shape"),
                        (camelCased(body), "fully camelCase, as a partner captured it"),
                    ]
                    where seen.insert(.array([.string(shape), Self.shape(of: body)])).inserted {
                        payloads.append(
                            FlowPayload(
                                label: "Validate lead \(lead.marker) (\(shape))", body: body, isValidateLead: true))
                    }
                    continue
                }
                // Only the shape decides what a flow does; one lead per shape keeps the
                // evidence short and the check quick.
                guard seen.insert(shape(of: body)).inserted else { continue }
                let lacksFields = CustomerField.allCases.contains { lead.customer[$0] == nil }
                let absentNote =
                    !lacksFields ? "" : (absent == .omit ? ", absent fields left out" : ", absent fields null")
                payloads.append(
                    FlowPayload(
                        label: "\(lead.variant.rawValue) \(lead.locale.rawValue) lead \(lead.marker)\(absentNote)",
                        body: body))
            }
        }
        return payloads
    }

    /// `value` with every object key's first letter lowercased, at every depth.
    static func camelCased(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(
                Dictionary(members.map { ($0.key.prefix(1).lowercased() + $0.key.dropFirst(), camelCased($0.value)) }) {
                    first, _ in first
                })
        case .array(let items): .array(items.map(camelCased))
        default: value
        }
    }

    /// The value with every string, number and boolean replaced by a placeholder of its type.
    static func shape(of value: JSONValue) -> JSONValue {
        switch value {
        case .string: .string("")
        case .number: .number(0)
        case .bool: .bool(false)
        case .null: .null
        case .array(let items): .array(items.map(shape))
        case .object(let members): .object(members.mapValues(shape))
        }
    }
}
