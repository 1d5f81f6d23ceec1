/// The entity Microsoft inserts into the `MarketplaceLeads` table (reference notes §2.2): all
/// string properties, `CustomerInfo` a JSON string, a date-shaped PartitionKey and a GUID RowKey.
public struct AzureTableEntityEncoder: LeadEncoder {
    /// Lead-source content and absent-field choices.
    public var options: AzureTableWireOptions
    /// How the lead-source string is spelled.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(options: AzureTableWireOptions = AzureTableWireOptions(), leadSourceFormat: LeadSourceFormat = LeadSourceFormat()) {
        self.options = options
        self.leadSourceFormat = leadSourceFormat
    }

    /// The PartitionKey of a lead: its creation date, `M:2Fd:2Fyyyy`.
    public func partitionKey(_ lead: Lead) -> String { lead.createdTime.partitionKey }

    /// The RowKey of a lead: its seeded GUID.
    public func rowKey(_ lead: Lead) -> String { lead.guid.description }

    /// The `CustomerInfo` property's value: compact JSON as Newtonsoft writes it, in the order
    /// of the real test entry (`sample-entry.json`).
    public func customerInfoJSON(_ lead: Lead) -> String {
        var inner = WireBuffer(capacity: 256)
        appendCustomerInfo(lead.customer, into: &inner)
        return inner.string
    }

    private func appendCustomerInfo(_ c: CustomerInfo, into buffer: inout WireBuffer) {
        buffer.appendJSONObject(
            [("FirstName", c.firstName), ("LastName", c.lastName), ("Email", c.email), ("Phone", c.phone),
             ("Country", c.country), ("Company", c.company), ("Title", c.title)],
            absent: options.absentFields
        )
    }

    /// The `LeadSource` property's value.
    public func leadSourceValue(_ lead: Lead) -> String { options.leadSource.value(for: lead, format: leadSourceFormat) }

    /// Encodes the entity.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        var inner = WireBuffer(capacity: 256)
        appendCustomerInfo(lead.customer, into: &inner)
        buffer.append(byte: UInt8(ascii: "{"))
        buffer.appendJSONMembers(
            [("PartitionKey", partitionKey(lead)), ("RowKey", rowKey(lead)), ("ActionCode", lead.pair.action.rawValue),
             ("CreatedTime", lead.createdTime.dotNetGeneral)],
            leadingComma: false
        )
        buffer.append(",\"CustomerInfo\":\"")
        inner.bytes.withUnsafeBufferPointer { buffer.appendJSONEscaped(utf8: $0) }
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.appendJSONMembers(
            [("Description", lead.description), ("LeadSource", leadSourceValue(lead)), ("OfferDisplayName", lead.offer.title)],
            leadingComma: true
        )
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
