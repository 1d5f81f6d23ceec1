import HTTPTypes

/// Header names the emulated services read and write that HTTPTypes does not predefine.
extension HTTPField.Name {
    /// Azure Storage: the request date that takes precedence over `Date` (authorize-with-shared-key).
    static let msDate = Self("x-ms-date")!
    /// Azure Storage: the request id on every answer.
    static let msRequestID = Self("x-ms-request-id")!
    /// Azure Storage: the service version that answered.
    static let msVersion = Self("x-ms-version")!
    /// Azure Storage: the continuation of a query page (docs/reference/azure-table.md §4).
    static let msContinuationNextPartitionKey = Self("x-ms-continuation-NextPartitionKey")!
    /// Azure Storage: the continuation of a query page (docs/reference/azure-table.md §4).
    static let msContinuationNextRowKey = Self("x-ms-continuation-NextRowKey")!
    /// Logic Apps: the run a trigger call started.
    static let msWorkflowRunID = Self("x-ms-workflow-run-id")!
    /// Logic Apps: the other run headers a trigger answers with (docs/reference/flows.md §1).
    static let msCorrelationID = Self("x-ms-correlation-id")!
    static let msClientTrackingID = Self("x-ms-client-tracking-id")!
    static let msTriggerHistoryName = Self("x-ms-trigger-history-name")!
    static let msWorkflowID = Self("x-ms-workflow-id")!
    static let msWorkflowName = Self("x-ms-workflow-name")!
    static let msWorkflowVersion = Self("x-ms-workflow-version")!
    /// Shared Key's signed Content-MD5.
    static let contentMD5 = Self("Content-MD5")!
    /// OData / Azure Storage: `return-no-content`, `return=representation`, annotations.
    static let prefer = Self("Prefer")!
    /// The `Prefer` a service honoured.
    static let preferenceApplied = Self("Preference-Applied")!
    /// Dataverse: the OData version of the answer.
    static let odataVersion = Self("OData-Version")!
    /// Dataverse: the created record's URL.
    static let odataEntityID = Self("OData-EntityId")!
    /// Salesforce: API calls used of the org's limit.
    static let sforceLimitInfo = Self("Sforce-Limit-Info")!
}
