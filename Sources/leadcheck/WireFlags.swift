import ArgumentParser
import LeadModel
import LeadSandbox
import LeadWire

/// Flags for the encoding choices the reference notes mark as unverified ([INF]).
struct WireFlags: ParsableArguments {
    @Option(help: "Absent customer fields in JSON bodies: omit, null or empty.")
    var absent: String = AbsentFieldStyle.omit.rawValue

    @Option(
        name: .customLong("https-case"),
        help: "HTTPS payload key casing: camel (what Microsoft sends; the default) or pascal (the docs' schema).")
    var httpsCase: String?

    @Option(name: .customLong("https-lead-source"), help: "HTTPS LeadSource: source (documented example) or full.")
    var httpsLeadSource: String = LeadSourceContent.sourceOnly.rawValue

    @Option(name: .customLong("table-lead-source"), help: "Azure Table LeadSource: full or source.")
    var tableLeadSource: String = LeadSourceContent.full.rawValue

    @Option(
        name: .customLong("dynamics-lead-source-code"), help: "Dataverse leadsourcecode option value (1-10; 8 = Web).")
    var dynamicsLeadSourceCode: String = "8"

    @Option(name: .customLong("marketo-mode"), help: "Marketo body: submit-form or sync.")
    var marketoMode: String = MarketoMode.submitForm.rawValue

    @Option(name: .customLong("marketo-form-id"), help: "Marketo form id.")
    var marketoFormID: String = "1001"

    @Option(name: .customLong("marketo-lead-source-field"), help: "REST name of Marketo's \"Lead Source\" form field.")
    var marketoLeadSourceField: String = "leadSource"

    @Option(name: .customLong("salesforce-oid"), help: "Salesforce org id posted as oid.")
    var salesforceOrgID: String = SalesforceWireOptions().orgID

    /// Validates the flags into wire options; `configuredCase` is a destination's `payloadCase`,
    /// which the flag overrides.
    func wireOptions(leadSourceFormat: LeadSourceFormat, configuredCase: JSONKeyCase? = nil) throws(LeadCheckError)
        -> WireOptions
    {
        let absent: AbsentFieldStyle = try Choice.parse(absent, flag: "--absent")
        return WireOptions(
            leadSourceFormat: leadSourceFormat,
            https: HTTPSWireOptions(
                keyCase: try httpsCase.map { text throws(LeadCheckError) in try Choice.parse(text, flag: "--https-case")
                } ?? configuredCase ?? .camel,
                leadSource: try Choice.parse(httpsLeadSource, flag: "--https-lead-source"),
                absentFields: absent
            ),
            azureTable: AzureTableWireOptions(
                leadSource: try Choice.parse(tableLeadSource, flag: "--table-lead-source"), absentFields: absent),
            dynamics: DynamicsWireOptions(
                leadSourceCode: try Choice.parseInt(
                    dynamicsLeadSourceCode, flag: "--dynamics-lead-source-code", range: 1...Int(Int32.max))),
            marketo: MarketoWireOptions(
                formID: try Choice.parseInt(marketoFormID, flag: "--marketo-form-id", range: 1...Int(Int32.max)),
                leadSourceField: marketoLeadSourceField,
                mode: try Choice.parse(marketoMode, flag: "--marketo-mode")
            ),
            salesforce: SalesforceWireOptions(orgID: salesforceOrgID)
        )
    }
}
