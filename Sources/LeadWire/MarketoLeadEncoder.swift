import LeadModel

/// Marketo REST bodies (docs/reference/marketo.md §2): Submit Form (one lead per call, every field
/// must exist on the form) or Sync Leads. Field names are Marketo's REST API names (``MarketoFields``).
public struct MarketoLeadEncoder: LeadEncoder {
    /// Form id, field names and mode.
    public var options: MarketoWireOptions
    /// How the "Lead Source" value is spelled.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(
        options: MarketoWireOptions = MarketoWireOptions(), leadSourceFormat: LeadSourceFormat = LeadSourceFormat()
    ) {
        self.options = options
        self.leadSourceFormat = leadSourceFormat
    }

    /// The REST field names a delivery sends for a lead, in order: what the form must define.
    public func fieldNames(_ lead: Lead) -> [String] {
        var names = MarketoFields.customer.compactMap { lead.customer[$0.field] == nil ? nil : "\($0.name)" }
        names.append(options.leadSourceField)
        if let descriptionField = options.descriptionField, lead.description != nil { names.append(descriptionField) }
        return names
    }

    /// Appends the lead's field object: `{"firstName":…,…,"leadSource":…}`.
    public func appendFields(_ lead: Lead, into buffer: inout WireBuffer) {
        let c = lead.customer
        var comma = false
        buffer.append(byte: UInt8(ascii: "{"))
        for (field, key) in MarketoFields.customer {
            buffer.appendJSONMember(key, c[field], needsComma: &comma)
        }
        buffer.appendJSONMember(
            dynamicKey: options.leadSourceField, lead.leadSource(leadSourceFormat), needsComma: &comma)
        if let descriptionField = options.descriptionField, let description = lead.description {
            buffer.appendJSONMember(dynamicKey: descriptionField, description, needsComma: &comma)
        }
        buffer.append(byte: UInt8(ascii: "}"))
    }

    /// Encodes the body for the configured mode.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        switch options.mode {
        case .submitForm:
            buffer.append("{\"formId\":")
            buffer.append(decimal: options.formID)
            buffer.append(",\"input\":[{\"leadFormFields\":")
            appendFields(lead, into: &buffer)
            buffer.append("}]}")
        case .sync:
            buffer.append("{\"action\":")
            buffer.appendJSONString(options.syncAction)
            buffer.append(",\"lookupField\":\"email\",\"input\":[")
            appendFields(lead, into: &buffer)
            buffer.append("]}")
        }
    }
}
