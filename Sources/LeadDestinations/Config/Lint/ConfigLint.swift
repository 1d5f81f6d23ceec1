import Foundation
import LeadModel

/// The checks Partner Center makes before it sends any lead, with no network
/// (docs/reference/partner-center.md §1: the customer-leads ingestion schema's rules, [code] as Red
/// Hat's publishing client carries them), and what Microsoft retired or deprecated. `lint` runs
/// them alone; `verify` and `canary` run them first and put the findings in their reports.
public enum ConfigLint {
    /// Every finding for `entries`; `matrix` is the run's (Test Drive is deprecated) and
    /// `matrixLocation` where it is set.
    public static func findings(_ entries: [LintEntry], matrix: LeadMatrix, matrixLocation: String) -> [Finding] {
        var findings = entries.flatMap(findings(for:))
        if matrix.pairs.contains(where: { $0.source == .testDrive }) {
            // docs/reference/lead.md §1, docs/reference/flows.md §6: Test Drive is deprecated.
            findings.append(
                Finding(
                    code: .configDeprecated, severity: .warning, destination: "config",
                    message:
                        """
                        \(matrixLocation): the matrix includes TestDrive-StartTestDrive, and Microsoft has\
                         deprecated Test Drive (\"consider transitioning to Free Trials\")
                        """,
                    hint: "Only offers that still have a Test Drive send its leads; move the offer to a free trial.",
                    evidence: matrixLocation))
        }
        return findings
    }

    /// The findings for one destination.
    static func findings(for entry: LintEntry) -> [Finding] {
        var out: [Finding] = []
        func add(_ code: FindingCode, _ severity: FindingSeverity, _ key: String?, _ message: String, _ hint: String) {
            let location = key.flatMap { entry.fields[$0]?.location } ?? entry.typeLocation
            out.append(
                Finding(
                    code: code, severity: severity, destination: entry.name,
                    message: "\(location): \(key.map { "\($0): " } ?? "")\(message)", hint: hint, evidence: location))
        }
        func text(_ key: String) -> String? { entry.fields[key]?.text }
        switch entry.type {
        case "azure-blob":
            // docs/reference/lead.md §1, docs/reference/partner-center.md §1 [documented] LM-FAQ.
            add(
                .configRetired, .error, nil,
                "the Azure Blob destination is retired: Microsoft no longer sends leads there, so leads sent there are lost",
                "Choose another destination in Partner Center (an Azure Table takes the same storage account), then verify it with leadcheck."
            )
        case "https":
            if let url = text("url"), !url.lowercased().hasPrefix("https://") {
                let local = isLoopback(url)
                add(
                    .configRejected, local ? .warning : .error, "url",
                    "Partner Center accepts only https:// endpoint URLs\(local ? " (fine for a local test; Partner Center will refuse it)" : "")",
                    "Give Partner Center the endpoint's https:// URL (a Power Automate or Logic Apps trigger URL is https already)."
                )
            }
        case "salesforce":
            if let id = text("orgId"), !matches(id, #"^[a-zA-Z0-9]{15}$"#) {
                if matches(id, #"^[a-zA-Z0-9]{18}$"#) {
                    add(
                        .configRejected, .error, "orgId",
                        "'\(id)' is an 18-character org id; Partner Center takes exactly 15 letters or digits",
                        "Use its 15-character form, \(id.prefix(15)) (the oid value of the Web-to-Lead form's HTML).")
                } else {
                    add(
                        .configRejected, .error, "orgId", "'\(id)' is not an org id of exactly 15 letters or digits",
                        "Copy the oid value from the HTML that Setup → Web-to-Lead → Create Web-to-Lead Form generates."
                    )
                }
            }
        case "marketo":
            if let munchkin = text("munchkinId"), !matches(munchkin, #"^[a-zA-Z0-9]{3}-[a-zA-Z0-9]{3}-[a-zA-Z0-9]{3}$"#)
            {
                add(
                    .configRejected, .error, "munchkinId", "'\(munchkin)' is not a Munchkin ID of the form xxx-xxx-xxx",
                    "Copy it from the form's embed code (MktoForms2.loadForm(…, \"123-ABC-456\", …)) or Admin → Munchkin."
                )
            }
            if let form = text("formId"), !matches(form, #"^[0-9]{1,8}$"#) {
                add(
                    .configRejected, .error, "formId", "'\(form)' is not a form id of 1 to 8 digits",
                    "Use the number in the form's embed code (mktoForm_1179 → 1179).")
            }
        case "dynamics":
            for (key, what) in [("clientId", "Application (client) ID"), ("tenantId", "Directory (tenant) ID")] {
                guard let value = text(key), UUID(uuidString: value) == nil else { continue }
                let domain =
                    value.contains(".") ? " — it is a tenant domain; Partner Center takes the Directory ID, a GUID" : ""
                add(
                    .configRejected, .error, key, "'\(value)' is not a GUID\(domain)",
                    "Copy the \(what) from the app registration's Overview page in the Azure portal.")
            }
            for (key, limit) in [("clientSecret", 2048), ("username", 128), ("password", 256)] {
                if let value = text(key), value.count > limit {
                    add(
                        .configRejected, .error, key,
                        "\(value.count) characters, longer than the \(limit) Partner Center accepts",
                        "Check the value; a secret's Value is well under \(limit) characters.")
                }
            }
            if text("authentication")?.lowercased() == "office365" {
                // docs/reference/partner-center.md §1 [documented] authenticate-office365-deprecation.md.
                add(
                    .configDeprecated, .warning, "authentication",
                    """
                    office365 sign-in uses WS-Trust, which Microsoft has deprecated for Dataverse and which\
                     does not support multi-factor authentication: MFA or Conditional Access on that user\
                     stops lead delivery (inferred)
                    """,
                    "Switch Partner Center to Azure AD sign-in (an app registration with a client secret and an application user with the Lead Writer role)."
                )
            }
        case "azure-table":
            if let connection = text("connectionString") {
                let keys = Set(
                    connection.split(separator: ";").compactMap {
                        $0.split(separator: "=", maxSplits: 1).first.map {
                            $0.trimmingCharacters(in: .whitespaces).lowercased()
                        }
                    })
                if !keys.contains("accountkey") {
                    add(
                        .configRejected, .error, "connectionString",
                        """
                        the connection string has no\
                         AccountKey\(keys.contains("sharedaccesssignature") ? " (it is a SAS)" : ""); Partner\
                         Center takes an account name and key
                        """,
                        "Copy the storage account's connection string from Access keys (key1 or key2), not a shared access signature."
                    )
                }
            }
        default:
            break
        }
        return out
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// Whether a URL names this machine (a local test endpoint, such as the sandbox).
    static func isLoopback(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
