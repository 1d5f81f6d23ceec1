import Foundation
import LeadWire
import Testing

@testable import LeadDestinations
@testable import LeadModel
@testable import LeadTransport
@testable import LeadVerification

/// The exact requests leadcheck sends to Dynamics, Marketo and Salesforce, against the
/// documented examples in docs/reference/ (dynamics.md §3–4, marketo.md §2, salesforce.md §2 and §4), and the literal escaping
/// of read-back queries with the hostile variant's O'Brien.
@Suite struct DestinationRequestTests {
    static let hostile = LeadGenerator(
        options: GenerationOptions(seed: 42, matrix: .documented, variants: [.hostile], locales: [.enUS])
    ).lead(at: 0)
    static let typical = LeadGenerator(
        options: GenerationOptions(seed: 42, matrix: .documented, variants: [.typical], locales: [.enUS])
    ).lead(at: 0)

    static func form(_ request: HTTPRequest) -> String {
        String(decoding: request.body.encoded?.bytes ?? [], as: UTF8.self)
    }

    static func json(_ request: HTTPRequest) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(request.body.encoded?.bytes ?? [])) as! [String: Any]
    }

    static let dynamics = DynamicsSettings(
        instanceURL: "https://contoso.crm4.dynamics.com/", tenantID: "12345678-8af1-4asf-1234-12234d01db47",
        clientID: "23456052-aaaa-bbbb-8662-1234df56788f", clientSecret: Secret("s3cr3t/+=", source: "test"))

    @Test func dynamicsTokenIsTheClientCredentialsGrantForTheInstanceScope() {
        let request = DynamicsDestination.tokenRequest(Self.dynamics)
        #expect(request.method == "POST")
        #expect(
            request.url == "https://login.microsoftonline.com/12345678-8af1-4asf-1234-12234d01db47/oauth2/v2.0/token")
        #expect(request.body.encoded?.contentType == "application/x-www-form-urlencoded")
        #expect(
            Self.form(request)
                == """
                grant_type=client_credentials&client_id=23456052-aaaa-bbbb-8662-1234df56788f&client_secret=s3c\
                r3t%2F%2B%3D&scope=https%3A%2F%2Fcontoso.crm4.dynamics.com%2F.default
                """
        )
    }

    @Test func dynamicsCreateCarriesTheWebAPIHeadersAndTheMapping() throws {
        let body = DynamicsLeadEncoder(options: DynamicsWireOptions(leadSourceCode: 8)).encode(Self.typical)
        let request = DynamicsDestination.webAPI(
            "POST", Self.dynamics, "leads?$select=leadid", token: "tok", body: body, prefer: "return=representation")
        #expect(request.url == "https://contoso.crm4.dynamics.com/api/data/v9.2/leads?$select=leadid")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["OData-MaxVersion"] == "4.0")
        #expect(request.headers["OData-Version"] == "4.0")
        #expect(request.headers["Prefer"] == "return=representation")
        #expect(request.headers["Authorization"] == "Bearer tok")
        #expect(request.headers["If-None-Match"] == nil, "only reads carry If-None-Match")
        #expect(request.body.encoded?.contentType == "application/json; charset=utf-8")
        let object = try Self.json(request)
        #expect(
            Set(object.keys).isSubset(of: [
                "firstname", "lastname", "emailaddress1", "telephone1", "address1_country", "companyname", "jobtitle",
                "description", "subject", "leadsourcecode",
            ]))
        #expect(object["leadsourcecode"] as? Int == 8)
        #expect(object["emailaddress1"] as? String == Self.typical.customer.email)
        #expect((object["description"] as? String)?.hasPrefix(Self.typical.marker) == true)
        let read = DynamicsDestination.webAPI("GET", Self.dynamics, "leads(x)", token: "tok")
        #expect(read.headers["If-None-Match"] == "null")
        let delete = DynamicsDestination.webAPI(
            "DELETE", Self.dynamics, "leads(00000000-0000-0000-0000-000000000001)", token: "tok")
        #expect(
            delete.method == "DELETE"
                && delete.url
                    == "https://contoso.crm4.dynamics.com/api/data/v9.2/leads(00000000-0000-0000-0000-000000000001)"
        )
        #expect(delete.body.encoded == nil)
    }

    @Test func odataLiteralsDoubleQuotesAndArePercentEncoded() throws {
        let email = try #require(Self.hostile.customer.email)
        #expect(email.contains("'"), "the hostile variant carries O'Brien in the email")
        #expect(QueryLiteral.odata("O'Brien") == "'O''Brien'")
        let resource = DynamicsDestination.queryResource(column: "emailaddress1", equals: email)
        let filter = try #require(resource.components(separatedBy: "&$filter=").last)
        #expect(
            filter.removingPercentEncoding == "emailaddress1 eq '\(email.replacingOccurrences(of: "'", with: "''"))'")
        #expect(
            !filter.contains("'") && !filter.contains(" ") && !filter.contains("+"),
            "quotes, spaces and plus signs are encoded: \(filter)")
        #expect(resource.hasPrefix("leads?$select=leadid,firstname,"))
    }

    @Test func soqlLiteralsEscapeWithBackslashes() throws {
        #expect(QueryLiteral.soql("O'Brien") == #"'O\'Brien'"#)
        #expect(QueryLiteral.soql(#"a\b"c"#) == #"'a\\b\"c'"#)
        #expect(QueryLiteral.soql("line\nbreak") == #"'line\nbreak'"#)
        let email = try #require(Self.hostile.customer.email)
        let soql = SalesforceDestination.soql(for: Self.hostile)
        #expect(
            soql
                == """
                SELECT Id,FirstName,LastName,Email,Phone,Country,Company,Title,Description,LeadSource FROM\
                 Lead WHERE Email = '\(email.replacingOccurrences(of: "'", with: "\\'"))'
                """
        )
        let delete = SalesforceDestination.rest(
            "DELETE", instance: "https://contoso.my.salesforce.com", "sobjects/Lead/00Q5e000001", token: "t")
        #expect(
            delete.url == "https://contoso.my.salesforce.com/services/data/v59.0/sobjects/Lead/00Q5e000001"
                && delete.headers["Authorization"] == "Bearer t")
        let path = SalesforceDestination.queryPath(soql)
        #expect(path.hasPrefix("query?q=SELECT%20Id%2C"))
        #expect(path.dropFirst("query?q=".count).removingPercentEncoding == soql)
    }

    /// A batch read-back splits its `Email IN (…)` at Salesforce's 4,000-character WHERE limit
    /// and asks for every email exactly once, quotes and all.
    @Test func salesforceBatchQueriesKeepEveryWhereClauseUnderTheLimit() throws {
        let emails = (1...100).map { "lctest_\($0)+o'brien@" + String(repeating: "x", count: 50) + ".example.com" }
        let queries = SalesforceDestination.soql(emails: emails, columns: "Id,Email")
        #expect(queries.count > 1)
        var asked: [String] = []
        for query in queries {
            let clause = try #require(query.components(separatedBy: " WHERE ").last)
            #expect(clause.count <= SalesforceDestination.whereLimit, "\(clause.count) characters")
            asked += clause.dropFirst("Email IN (".count).dropLast().components(separatedBy: "','").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")).replacingOccurrences(of: "\\'", with: "'")
            }
        }
        #expect(asked == emails)
    }

    @Test func salesforceLeadWithoutEmailIsFoundByItsRequiredFields() {
        var lead = Self.hostile
        lead.customer.email = nil
        let soql = SalesforceDestination.soql(for: lead)
        #expect(
            soql.hasSuffix(
                "WHERE LastName = \(QueryLiteral.soql(lead.customer.lastName ?? "")) AND Company = \(QueryLiteral.soql(lead.customer.company ?? ""))"
            ))
    }

    static let salesforce = SalesforceSettings(
        orgID: "00D5e000001Acue", instanceURL: "https://contoso.my.salesforce.com", clientID: "3MVGkey",
        clientSecret: Secret("sf-secret", source: "test"))

    @Test func salesforceTokenAndWebToLeadAreTheDocumentedForms() throws {
        let token = SalesforceDestination.tokenRequest(Self.salesforce)
        #expect(token.url == "https://contoso.my.salesforce.com/services/oauth2/token")
        #expect(Self.form(token) == "grant_type=client_credentials&client_id=3MVGkey&client_secret=sf-secret")
        let client = try HTTPClient()
        let destination = SalesforceDestination(name: "sf", settings: Self.salesforce, client: client)
        let post = destination.webToLeadRequest(Self.hostile)
        #expect(post.method == "POST")
        #expect(post.url == "https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8")
        #expect(post.body.encoded?.contentType == "application/x-www-form-urlencoded")
        let fields = Self.form(post).split(separator: "&").map {
            $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
        }
        #expect(Array(fields.prefix(2)) == ["oid", "encoding"])
        #expect(
            Set(fields).isSuperset(of: ["first_name", "last_name", "email", "company", "description", "lead_source"]))
        #expect(Self.form(post).hasPrefix("oid=00D5e000001Acue&encoding=UTF-8&"))
        #expect(destination.usage == QuotaUsage(used: 0, limit: 500, unit: "Web-to-Lead submissions per day"))
        client.shutdown()
    }

    static let marketo = MarketoSettings(
        munchkinID: "123-PQR-789", formID: 1179, clientID: "mk-id", clientSecret: Secret("mk-secret", source: "test"))

    @Test func marketoCallsFollowTheRESTDocs() throws {
        #expect(Self.marketo.baseURL == "https://123-pqr-789.mktorest.com")
        let token = MarketoDestination.tokenRequest(Self.marketo)
        #expect(token.url == "https://123-pqr-789.mktorest.com/identity/oauth/token")
        #expect(!token.url.contains("secret"), "the secret stays out of the URL")
        #expect(Self.form(token) == "grant_type=client_credentials&client_id=mk-id&client_secret=mk-secret")
        let email = try #require(Self.hostile.customer.email)
        let read = MarketoDestination.rest(
            "GET", Self.marketo, MarketoDestination.readPath(email: email, leadSourceField: "leadSource"), token: "t:ab"
        )
        #expect(read.headers["Authorization"] == "Bearer t:ab")
        #expect(!read.url.contains("access_token"), "the token goes in the header only")
        #expect(
            read.url.hasPrefix("https://123-pqr-789.mktorest.com/rest/v1/leads.json?filterType=email&filterValues="))
        #expect(read.url.hasSuffix("&fields=id,firstName,lastName,email,phone,country,company,title,leadSource"))
        let value = read.url.components(separatedBy: "filterValues=")[1].components(separatedBy: "&")[0]
        #expect(value.removingPercentEncoding == email && !value.contains("+") && !value.contains("'"))
        #expect(
            String(decoding: MarketoDestination.deleteBody([235, 766]), as: UTF8.self)
                == #"{"input":[{"id":235},{"id":766}]}"#)
        let submit =
            try JSONSerialization.jsonObject(
                with: Data(MarketoLeadEncoder(options: MarketoWireOptions(formID: 1179)).encode(Self.typical)))
            as! [String: Any]
        #expect(submit["formId"] as? Int == 1179)
        let input = try #require((submit["input"] as? [[String: Any]])?.first?["leadFormFields"] as? [String: Any])
        #expect(input["email"] as? String == Self.typical.customer.email)
        #expect(input["leadSource"] != nil)
    }

    @Test func marketoVerdictsRenewOnTokenErrorsAndWaitOnLimits() {
        func response(_ body: String) -> HTTPResponse { HTTPResponse(status: 200, body: Array(body.utf8)) }
        #expect(
            MarketoDestination.verdict(
                response(#"{"success":false,"errors":[{"code":"602","message":"Access token expired"}]}"#))
                == .reauthenticate)
        #expect(
            MarketoDestination.verdict(
                response(#"{"success":false,"errors":[{"code":"601","message":"Access token invalid"}]}"#))
                == .reauthenticate)
        #expect(
            MarketoDestination.verdict(
                response(#"{"success":false,"errors":[{"code":"606","message":"Max rate limit"}]}"#))
                == .retryAfter(.zero))
        #expect(
            MarketoDestination.verdict(response(#"{"success":false,"errors":[{"code":"615","message":"Concurrent"}]}"#))
                == .retryAfter(.zero))
        #expect(
            MarketoDestination.verdict(response(#"{"success":false,"errors":[{"code":"610","message":"Not found"}]}"#))
                == .done)
        #expect(
            MarketoDestination.verdict(response(#"{"success":true,"result":[{"id":1,"status":"created"}]}"#)) == .done)
    }

    @Test func dataverseVerdictsHonourRetryAfter() {
        var headers = HTTPHeaders()
        headers.add("Retry-After", "2")
        #expect(DynamicsDestination.verdict(HTTPResponse(status: 429, headers: headers)) == .retryAfter(.seconds(2)))
        #expect(DynamicsDestination.verdict(HTTPResponse(status: 401)) == .reauthenticate)
        #expect(DynamicsDestination.verdict(HTTPResponse(status: 403)) == .done)
        #expect(SalesforceDestination.verdict(HTTPResponse(status: 401)) == .reauthenticate)
        var dated = HTTPHeaders()
        dated.add("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")
        #expect(
            BearerSession.retryAfter(HTTPResponse(status: 429, headers: dated)) == .zero,
            "a date in the past asks for no wait")
        var later = HTTPHeaders()
        later.add("Retry-After", LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) + 10).rfc1123)
        let wait = BearerSession.retryAfter(HTTPResponse(status: 429, headers: later))
        #expect(wait > .seconds(8) && wait <= .seconds(10), "an HTTP date ten seconds on: \(wait)")
    }

    @Test func entraErrorsMapToThePartnerCenterFixes() {
        func finding(_ status: Int, _ description: String) -> Finding {
            let body = #"{"error":"x","error_description":"\#(description)"}"#
            return DynamicsDestination.signInFinding(
                HTTPResponse(status: status, body: Array(body.utf8)), destination: "d", settings: Self.dynamics)
        }
        let secret = finding(401, "AADSTS7000215: Invalid client secret provided.")
        #expect(
            secret.code == .authRejected && secret.hint.contains("client secret")
                && secret.hint.contains("Value, not its Secret ID"))
        let tenant = finding(400, "AADSTS90002: Tenant 'x' not found.")
        #expect(tenant.code == .authRejected && tenant.hint.contains("Directory ID"))
        let app = finding(400, "AADSTS700016: Application with identifier 'y' was not found in the directory 'x'.")
        #expect(app.code == .authRejected && app.hint.contains("Application (client) ID"))
    }
}
