import Foundation
import HTTPTypes
import LeadModel

extension DynamicsService {
    /// Attributes a lead record may be created with besides the strings: the picklist, and
    /// what Dataverse fills in itself.
    static let otherAttributes: Set<String> = [
        "leadsourcecode", "leadid", "createdon", "statecode", "statuscode", "fullname",
    ]

    /// The lead field (for fault limits and the `truncate`/`mojibake` faults) each attribute holds.
    static let leadFields: [String: LeadField] = [
        "firstname": .firstName, "lastname": .lastName, "emailaddress1": .email, "telephone1": .phone,
        "address1_country": .country, "companyname": .company, "jobtitle": .title, "description": .description,
    ]

    /// The principal's id in the sandbox's errors and WhoAmI.
    static let applicationUserID = "6f1f2a9e-3c0b-4b6e-9a51-0d6c2d7e8a11"

    /// `0x80040220` for a privilege the application user lacks (docs/reference/dynamics.md §5, [REC] the
    /// shape of a community capture, with the lead's privilege names).
    static func missingPrivilege(_ privilege: String) -> SandboxResponse {
        dataverseError(
            403, code: "0x80040220",
            message:
                """
                Principal user (Id=\(applicationUserID), type=8, roleCount=1, privilegeCount=8,\
                 accessMode=4), is missing \(privilege) privilege (Id=\(UUID().uuidString.lowercased())) on\
                 OTC=4 for entity 'lead'. Context:\
                 Method=\(privilege.hasPrefix("prvRead") ? "RetrieveMultiple" : "Delete")
                """
        )
    }

    func webAPI(_ request: SandboxRequest, resource: String) async throws -> SandboxResponse {
        let effects = faults.effects(for: .dynamics)
        if effects.contains(where: {
            if case .noApplicationUser = $0 { return true }
            return false
        }) {
            // [DOC] dual-write troubleshooting: the app registration has no application user here.
            return Self.dataverseError(
                403, code: "0x80072560", message: "The user is not a member of the organization.")
        }
        // A Lead Writer that "only has permissions to write the leads" (PC-dyn 2023).
        let asReader = (request.headers[.authorization] ?? "").hasPrefix(
            "Bearer " + DynamicsCredentials.readerTokenPrefix)
        let writeOnly =
            !asReader
            && effects.contains {
                if case .writeOnly = $0 { return true }
                return false
            }
        if resource == "flowruns", request.method == "GET" { return flowRuns(request) }
        if resource == "WhoAmI", request.method == "GET" {
            return json(
                200,
                [
                    "@odata.context": .string(
                        "\(baseURL(request))/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse"),
                    "BusinessUnitId": "b2c3d4e5-0000-4000-8000-000000000001", "UserId": .string(Self.applicationUserID),
                    "OrganizationId": "a1b2c3d4-0000-4000-8000-000000000002",
                ])
        }
        if writeOnly, request.method == "GET" { return Self.missingPrivilege("prvReadLead") }
        if writeOnly, request.method == "DELETE" { return Self.missingPrivilege("prvDeleteLead") }
        if resource == "leads" {
            switch request.method {
            case "POST": return try await create(request)
            case "GET": return try await query(request)
            default:
                return Self.dataverseError(
                    405, code: "0x80060888",
                    message: "The requested resource does not support http method '\(request.method)'.")
            }
        }
        if resource.hasPrefix("leads("), resource.hasSuffix(")") {
            let id = String(resource.dropFirst(6).dropLast()).lowercased()
            guard UUID(uuidString: id) != nil else {
                return Self.dataverseError(
                    400, code: "0x80060888",
                    message: "Bad Request - Error in query syntax: '\(id)' is not a valid GUID.")
            }
            switch request.method {
            case "GET":
                guard let record = try await store.dynamicsLead(id: id), let object = SandboxJSON.parseObject(record)
                else { return notFound(id) }
                var body = project(object, select: selection(request))
                body["@odata.context"] = .string("\(baseURL(request))/api/data/v9.2/$metadata#leads/$entity")
                return json(200, .object(body))
            case "DELETE":
                return try await store.deleteDynamicsLead(id: id)
                    ? SandboxResponse(status: 204, headers: [.odataVersion: "4.0"]) : notFound(id)
            default:
                return Self.dataverseError(
                    405, code: "0x80060888",
                    message: "The requested resource does not support http method '\(request.method)'.")
            }
        }
        return Self.dataverseError(
            404, code: "0x80060888", message: "Resource not found for the segment '\(resource)'.")
    }

    func notFound(_ id: String) -> SandboxResponse {
        Self.dataverseError(404, code: "0x80040217", message: "lead With Id = \(id) Does Not Exist")
    }

    func json(_ status: Int, _ object: SandboxJSON, headers: HTTPFields = [:]) -> SandboxResponse {
        SandboxResponse(
            status: status,
            headers: [.contentType: "application/json; odata.metadata=minimal", .odataVersion: "4.0"] + headers,
            body: object.bytes)
    }

    func selection(_ request: SandboxRequest) -> [String]? {
        request.queryValue("$select", plusAsSpace: true).map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    func project(_ object: [String: SandboxJSON], select: [String]?) -> [String: SandboxJSON] {
        var out: [String: SandboxJSON] = [
            "@odata.etag": .string("W/\"\(abs((object["leadid"]?.string ?? "").hashValue % 10_000_000))\"")
        ]
        for (key, value) in object where select == nil || select!.contains(key) || key == "leadid" {
            out[key] = value
        }
        if let select { for key in select where out[key] == nil { out[key] = .null } }
        return out
    }

    func create(_ request: SandboxRequest) async throws -> SandboxResponse {
        guard (request.headers[.contentType] ?? "").lowercased().contains("application/json") else {
            return Self.dataverseError(
                415, code: "0x80048d19",
                message:
                    "The request Content-Type '\(request.headers[.contentType] ?? "")' is not supported; use application/json."
            )
        }
        guard var record = SandboxJSON.parseObject(request.body) else {
            return Self.dataverseError(
                400, code: "0x80048d19",
                message:
                    """
                    Error identified in Payload provided by the user for Entity :'leads', For more\
                     information on this error please follow this help link\
                     https://go.microsoft.com/fwlink/?linkid=2195293
                    """
            )
        }
        let effects = faults.effects(for: .dynamics)
        for (key, value) in record {
            if let limit = Self.stringAttributes[key] {
                if value.isNull { continue }
                guard var text = value.string else {
                    return Self.dataverseError(
                        400, code: "0x80048d19",
                        message:
                            "Cannot convert the literal '\(value.text)' to the expected type 'Edm.String' for '\(key)'."
                    )
                }
                if FieldMangling.isActive(effects) {
                    text = FieldMangling.apply(effects, to: text, limit: limit)
                    record[key] = .string(text)
                }
                if text.utf16.count > limit {
                    // [DOC] the real text has two spaces after "occurred.".
                    return Self.dataverseError(
                        400, code: "0x80044331",
                        message:
                            """
                            A validation error occurred.  The length of the '\(key)' attribute of the 'lead'\
                             entity exceeded the maximum allowed length of '\(limit)'.
                            """
                    )
                }
            } else if key == "leadsourcecode" {
                guard let code = value.int64, (1...10).contains(code) else {
                    // [3P] docs/reference/dynamics.md §5
                    return Self.dataverseError(
                        400, code: "0x8004431a",
                        message:
                            """
                            A validation error occurred. The value \(value.text) of 'leadsourcecode' on\
                             record of type 'lead' is outside the valid range. Accepted Values:\
                             1,2,3,4,5,6,7,8,9,10
                            """
                    )
                }
                if effects.contains(where: {
                    if case .missingPrivilege = $0 { return true }
                    return false
                }) {
                    // [DOC] web-service-error-codes: 0x8004F502 AttributePrivilegeCreateIsMissing.
                    let annotated = (request.headers[.prefer] ?? "").contains("odata.include-annotations")
                    return Self.dataverseError(
                        403, code: "0x8004F502",
                        message:
                            "The user does not have create permissions to a secured field. The requested operation could not be completed.",
                        messageName: annotated ? "AttributePrivilegeCreateIsMissing" : nil)
                }
            } else if !Self.otherAttributes.contains(key) && !key.hasPrefix("@") {
                return Self.dataverseError(
                    400, code: "0x80060888",
                    message:
                        """
                        An undeclared property '\(key)' which only has property annotations in the payload\
                         but no property value was found in the payload. Invalid property '\(key)' was found\
                         in entity 'Microsoft.Dynamics.CRM.lead'.
                        """
                )
            }
        }
        let id = UUID().uuidString.lowercased()
        let createdOn = SandboxDate.iso8601()
        record["leadid"] = .string(id)
        record["createdon"] = .string(createdOn)
        record["statecode"] = 0
        record["statuscode"] = 1
        let names = [record["firstname"]?.string, record["lastname"]?.string].compactMap { $0 }
        record["fullname"] = .string(names.joined(separator: " "))
        try await store.insertDynamicsLead(id: id, createdOn: createdOn, record: SandboxJSON.object(record).text)
        let entityID = "\(baseURL(request))/api/data/v9.2/leads(\(id))"
        if (request.headers[.prefer] ?? "").contains("return=representation") {
            var body = project(record, select: selection(request))
            body["@odata.context"] = .string("\(baseURL(request))/api/data/v9.2/$metadata#leads/$entity")
            return json(201, .object(body), headers: [.preferenceApplied: "return=representation"])
        }
        return SandboxResponse(status: 204, headers: [.odataVersion: "4.0", .odataEntityID: entityID])
    }

    func query(_ request: SandboxRequest) async throws -> SandboxResponse {
        let known = Set(Self.stringAttributes.keys).union(Self.otherAttributes)
        if let select = selection(request), let unknown = select.first(where: { !known.contains($0) }) {
            return Self.dataverseError(
                400, code: "0x80060888",
                message: "Could not find a property named '\(unknown)' on type 'Microsoft.Dynamics.CRM.lead'.")
        }
        var filter: TableFilter?
        if let text = request.queryValue("$filter", plusAsSpace: true) {
            do { filter = try TableFilter.parse(text, functions: true, maxComparisons: nil) } catch {
                return Self.dataverseError(400, code: "0x80060888", message: "Syntax error in $filter '\(text)'.")
            }
            if let unknown = filter?.properties.first(where: { !known.contains($0) }) {
                return Self.dataverseError(
                    400, code: "0x80060888",
                    message: "Could not find a property named '\(unknown)' on type 'Microsoft.Dynamics.CRM.lead'.")
            }
        }
        let top = request.queryValue("$top", plusAsSpace: true).flatMap(Int.init) ?? 5000
        var value: [SandboxJSON] = []
        for (_, text) in try await store.dynamicsLeads() {
            guard let object = SandboxJSON.parseObject(text) else { continue }
            // Dataverse compares strings case-insensitively (SQL collation).
            if let filter, !filter.matches(object, caseInsensitive: true) { continue }
            value.append(.object(project(object, select: selection(request))))
            if value.count >= top { break }
        }
        let select = selection(request).map { "(\($0.joined(separator: ",")))" } ?? ""
        return json(
            200,
            [
                "@odata.context": .string("\(baseURL(request))/api/data/v9.2/$metadata#leads\(select)"),
                "value": .array(value),
            ])
    }
}
