import Foundation
import HTTPTypes
import LeadModel

extension SalesforceService {
    /// The servlet: always 200 and an HTML page; the lead is created only when every check passes.
    func webToLead(_ request: SandboxRequest) async throws -> SandboxResponse {
        let queryEncoding = request.queryValue("encoding", plusAsSpace: true)
        let bodyIsUTF8 =
            queryEncoding?.uppercased() == "UTF-8"
            || FormBody.parse(request.body).contains { $0.0 == "encoding" && $0.1.uppercased() == "UTF-8" }
        // Without encoding=UTF-8 the servlet reads the bytes as ISO-8859-1.
        let form =
            bodyIsUTF8
            ? FormBody.parse(request.body)
            : FormBody.parse(request.body).map { (FieldMangling.mojibake($0.0), FieldMangling.mojibake($0.1)) }
        var values: [String: String] = [:]
        for (name, value) in form where values[name] == nil { values[name] = value }
        let debug = values["debug"] == "1"

        func page(_ reason: String?) -> SandboxResponse {
            let returnURL =
                values["retURL"].map { "<meta http-equiv=\"Refresh\" content=\"0; URL=\(Self.escapeHTML($0))\">" } ?? ""
            let body =
                debug
                ? """
                <html><body><h1>Salesforce Web-to-Lead\
                 debug</h1><p>\(Self.escapeHTML(reason.map { "Error: Salesforce could not create this lead because \($0)" } ?? "The lead was created."))\
                </p></body></html>
                """
                : "<html><head>\(returnURL)</head><body></body></html>"
            return SandboxResponse(
                status: 200, headers: [.contentType: "text/html;charset=UTF-8"], body: Array(body.utf8))
        }

        guard request.method == "POST" || request.method == "GET" else {
            return page("the request method is not supported")
        }
        let effects = faults.effects(for: .salesforce)
        let postedOrg = values["oid"] ?? request.queryValue("orgId", plusAsSpace: true)
        let wrongOrg = effects.contains {
            if case .wrongOrgID = $0 { return true }
            return false
        }
        guard let postedOrg, postedOrg == credentials.orgID, !wrongOrg else {
            return page("the organization id '\(postedOrg ?? "")' does not match this organization")
        }
        let overLimit =
            effects.contains(where: {
                if case .dailyLimit = $0 { return true }
                return false
            }) || quota.take() > Self.dailyLimit
        var record: [String: SandboxJSON] = ["attributes": ["type": "Lead"]]
        for field in Self.fields {
            guard var value = values[field.form], !value.isEmpty else { continue }
            if FieldMangling.isActive(effects) {
                value = FieldMangling.apply(effects, to: value, limit: field.limit)
            } else if value.utf16.count > field.limit {
                return page("the value of \(field.api) is longer than \(field.limit) characters")
            }
            record[field.api] = .string(value)
        }
        // LastName and Company are universally required; Web-to-Lead fills "[not provided]" in
        // rather than refusing the lead (Salesforce KB 000171026).
        for required in ["LastName", "Company"] where record[required] == nil { record[required] = "[not provided]" }
        // Web-to-Lead does not validate the email field (docs/reference/salesforce.md §5 [DOC help]).
        if effects.contains(where: {
            if case .restrictedPicklist = $0 { return true }
            return false
        }),
            let source = record["LeadSource"]?.string, !Self.defaultLeadSources.contains(source)
        {
            return page("bad value for restricted picklist field: LeadSource: \(source)")
        }
        let id = Self.newLeadID()
        let created = Self.salesforceDate(Date())
        record["Id"] = .string(id)
        record["CreatedDate"] = .string(created)
        record["attributes"] = ["type": "Lead", "url": .string("/services/data/v59.0/sobjects/Lead/\(id)")]
        let text = SandboxJSON.object(record).text
        if overLimit {
            // Past the daily limit requests wait in the pending queue and are created later
            // (docs/reference/salesforce.md §5, [3P]); the sandbox creates them after `pendingQueueDelay`.
            let store = store
            Task.detached {
                try? await Task.sleep(for: Self.pendingQueueDelay)
                try? await store.insertSalesforceLead(id: id, createdDate: Self.salesforceDate(Date()), record: text)
            }
            return page(
                "the daily Web-to-Lead limit of \(Self.dailyLimit) was reached; the request was added to the pending queue"
            )
        }
        try await store.insertSalesforceLead(id: id, createdDate: created, record: text)
        return page(nil)
    }

    /// How long a queued Web-to-Lead request waits before its lead is created [INF: Salesforce
    /// gives no figure; long enough that a run's read-back misses it, as a real queue would].
    static let pendingQueueDelay = Duration.seconds(30)

    static func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// An 18-character Lead id, `00Q` + 15 random base-62 characters.
    static func newLeadID() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return "00Q" + String((0..<15).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }

    /// `2026-11-25T10:00:00.000+0000`, Salesforce's datetime form.
    static func salesforceDate(_ date: Date) -> String {
        String(SandboxDate.iso8601(Int64(date.timeIntervalSince1970)).dropLast()) + ".000+0000"
    }
}
