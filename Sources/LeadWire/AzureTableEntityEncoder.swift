import LeadModel

/// The entity Microsoft inserts into the `MarketplaceLeads` table (docs/reference/azure-table.md §2),
/// in the properties of ``AzureTableColumns``: all string properties, `CustomerInfo` a JSON
/// string, a date-shaped PartitionKey and a GUID RowKey.
public struct AzureTableEntityEncoder: LeadEncoder {
    /// Lead-source content and absent-field choices.
    public var options: AzureTableWireOptions
    /// How the lead-source string is spelled.
    public var leadSourceFormat: LeadSourceFormat

    /// Creates an encoder.
    public init(
        options: AzureTableWireOptions = AzureTableWireOptions(),
        leadSourceFormat: LeadSourceFormat = LeadSourceFormat()
    ) {
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
        buffer.appendCustomerObject(c, keys: .pascal, absent: options.absentFields)
    }

    /// The `LeadSource` property's value.
    public func leadSourceValue(_ lead: Lead) -> String {
        options.leadSource.value(for: lead, format: leadSourceFormat)
    }

    /// Encodes the entity.
    public func encode(_ lead: Lead, into buffer: inout WireBuffer) {
        var inner = WireBuffer(capacity: 256)
        appendCustomerInfo(lead.customer, into: &inner)
        var comma = false
        buffer.append(byte: UInt8(ascii: "{"))
        buffer.appendJSONMember("PartitionKey", partitionKey(lead), needsComma: &comma)
        buffer.appendJSONMember("RowKey", rowKey(lead), needsComma: &comma)
        buffer.appendJSONMember(AzureTableColumns.actionCode, lead.pair.action.rawValue, needsComma: &comma)
        buffer.appendJSONMember("CreatedTime", lead.createdTime.dotNetGeneral, needsComma: &comma)
        buffer.append(",\"")
        buffer.append(AzureTableColumns.customerInfo)
        buffer.append("\":\"")
        inner.bytes.withUnsafeBufferPointer { buffer.appendJSONEscaped(utf8: $0) }
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.appendJSONMember(AzureTableColumns.description, lead.description, needsComma: &comma)
        buffer.appendJSONLeadSourceMember(
            AzureTableColumns.leadSource, lead, format: leadSourceFormat,
            content: options.leadSource, needsComma: &comma)
        buffer.appendJSONMember(AzureTableColumns.offer, lead.offer.title, needsComma: &comma)
        buffer.append(byte: UInt8(ascii: "}"))
    }
}
