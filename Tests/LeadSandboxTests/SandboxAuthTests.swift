import Foundation
import HTTPTypes
import Testing

@testable import LeadDestinations
@testable import LeadModel
@testable import LeadSandbox
@testable import LeadTransport

/// Every sandbox endpoint that stores or reveals leads refuses unauthenticated, wrongly signed,
/// expired and cross-account requests — as the real services do — and stores nothing for them.
@Suite struct SandboxAuthTests {
    static func stored(_ store: SandboxStore) async throws -> Int {
        try await store.inspect(destination: nil, markerPrefix: nil).count
    }

    static func json(
        _ text: String, _ method: String, _ path: String, headers: [(name: String, value: String)] = [],
        query: String? = nil
    ) -> SandboxRequest {
        SandboxRequest(
            method: method, path: path, query: query,
            headers: HTTPFields([("Content-Type", "application/json")] + headers), body: Array(text.utf8))
    }

    static func form(_ fields: [(String, String)], _ path: String, query: String? = nil) -> SandboxRequest {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }
            .joined(separator: "&")
        return SandboxRequest(
            method: "POST", path: path, query: query, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: Array(body.utf8))
    }

    @Test func azureTableRefusesMissingWrongExpiredAndCrossAccountSignatures() async throws {
        let store = try SandboxStore(path: nil)
        let other = Data("other-account-key".utf8).base64EncodedString()
        let service = try AzureTableService(
            store: store, faults: FaultSet(),
            accounts: [AzureTableServiceTests.account: AzureTableService.developmentKey, "other": other])
        await AzureTableServiceTests.createTable(service)
        let entity = AzureTableServiceTests.json([
            "PartitionKey": "p", "RowKey": "r", "Description": "LCTEST_authtest1_1",
        ])
        let path = "/\(AzureTableServiceTests.account)/MarketplaceLeads"
        let wrongKey = try SharedKeySigner(
            account: AzureTableServiceTests.account, key: Secret(Data("wrong".utf8).base64EncodedString(), source: "t"))
        let otherSigner = try SharedKeySigner(account: "other", key: Secret(other, source: "t"))
        let unsigned = SandboxRequest(
            method: "POST", path: path, headers: [.contentType: "application/json", .msVersion: "2019-02-02"],
            body: entity)
        let cases: [(String, SandboxRequest)] = [
            ("unsigned", unsigned),
            ("wrong key", AzureTableServiceTests.signed("POST", path, body: entity, signer: wrongKey)),
            (
                "expired (an hour old)",
                AzureTableServiceTests.signed("POST", path, body: entity, date: Date().addingTimeInterval(-3600))
            ),
            ("another account's key", AzureTableServiceTests.signed("POST", path, body: entity, signer: otherSigner)),
        ]
        for (label, request) in cases {
            let response = await service.routed(request)
            #expect(response.status == 403, "\(label): \(response.status)")
            #expect(AzureTableServiceTests.code(response) == "AuthenticationFailed", "\(label)")
            let read = await service.routed(
                AzureTableServiceTests.signed(
                    "GET", path + "()", signer: label == "another account's key" ? otherSigner : wrongKey))
            #expect(read.status == 403, "\(label): reading is refused too")
        }
        #expect(try await Self.stored(store) == 0)
    }

    @Test func dataverseRefusesMissingUnknownAndExpiredTokensAndOtherTenants() async throws {
        let store = try SandboxStore(path: nil)
        let faults = FaultSet()
        let service = DynamicsService(store: store, faults: faults)
        let creds = DynamicsCredentials.sandbox
        let lead = #"{"lastname":"x","emailaddress1":"lctest_authtest1_1@example.com"}"#
        let path = "/api/data/v9.2/leads"
        let token = { (tenant: String, secret: String) async -> SandboxResponse in
            await service.routed(
                Self.form(
                    [
                        ("grant_type", "client_credentials"), ("client_id", creds.clientID), ("client_secret", secret),
                        ("scope", "http://127.0.0.1/.default"),
                    ], "/\(tenant)/oauth2/v2.0/token"))
        }
        #expect(await token("00000000-0000-0000-0000-000000000000", creds.clientSecret).status == 400, "another tenant")
        #expect(await token(creds.tenantID, "wrong").status == 401, "a wrong secret")
        let issued = await token(creds.tenantID, creds.clientSecret)
        let good = try #require(
            (try JSONSerialization.jsonObject(with: Data(issued.body)) as? [String: Any])?["access_token"] as? String)
        for (label, headers) in [
            ("no token", []), ("unknown token", [("Authorization", "Bearer not-a-token")]),
            ("basic auth", [("Authorization", "Basic eDp5")]),
        ] as [(String, [(name: String, value: String)])] {
            #expect(await service.routed(Self.json(lead, "POST", path, headers: headers)).status == 401, "\(label)")
            #expect(
                await service.routed(Self.json("", "GET", path, headers: headers)).status == 401, "\(label): reading")
        }
        faults.replace(with: [try Fault(parsing: "dynamics:token-expired")])
        #expect(
            await service.routed(Self.json(lead, "POST", path, headers: [("Authorization", "Bearer \(good)")])).status
                == 401, "expired")
        #expect(
            await service.routed(Self.json(lead, "POST", path, headers: [("Authorization", "Bearer \(good)")])).status
                == 401, "stays expired")
        #expect(try await Self.stored(store) == 0)
    }

    @Test func marketoRefusesMissingInvalidAndExpiredTokens() async throws {
        let store = try SandboxStore(path: nil)
        let faults = FaultSet()
        let service = MarketoService(store: store, faults: faults)
        let creds = MarketoCredentials.sandbox
        let submit =
            #"{"formId":\#(creds.formID),"input":[{"leadFormFields":{"email":"lctest_authtest1_1@example.com","lastName":"x"}}]}"#
        let sync = #"{"input":[{"email":"lctest_authtest1_2@example.com"}]}"#
        func code(_ response: SandboxResponse) -> String? {
            ((try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["errors"]
                as? [[String: Any]])?.first?["code"] as? String
        }
        let wrong = await service.routed(
            Self.form(
                [("grant_type", "client_credentials"), ("client_id", creds.clientID), ("client_secret", "wrong")],
                "/identity/oauth/token"))
        #expect(wrong.status == 401)
        let issued = await service.routed(
            Self.form(
                [
                    ("grant_type", "client_credentials"), ("client_id", creds.clientID),
                    ("client_secret", creds.clientSecret),
                ], "/identity/oauth/token"))
        let good = try #require(
            (try JSONSerialization.jsonObject(with: Data(issued.body)) as? [String: Any])?["access_token"] as? String)
        for (path, body) in [
            ("/rest/v1/leads/submitForm.json", submit), ("/rest/v1/leads.json", sync),
            ("/rest/v1/leads/delete.json", #"{"input":[{"id":1}]}"#),
        ] {
            #expect(code(await service.routed(Self.json(body, "POST", path))) == "601", "\(path): no token")
            #expect(
                code(
                    await service.routed(
                        Self.json(body, "POST", path, headers: [("Authorization", "Bearer forged:ab")]))) == "602",
                "\(path): unknown token")
        }
        #expect(
            code(
                await service.routed(
                    Self.json("", "GET", "/rest/v1/leads.json", query: "filterType=email&filterValues=a%40b.c")))
                == "601", "reading needs a token")
        faults.replace(with: [try Fault(parsing: "marketo:token-expired")])
        #expect(
            code(
                await service.routed(
                    Self.json(
                        submit, "POST", "/rest/v1/leads/submitForm.json", headers: [("Authorization", "Bearer \(good)")]
                    ))) == "602", "expired")
        #expect(try await Self.stored(store) == 0)
    }

    @Test func salesforceRefusesBadSessionsAndOtherOrgs() async throws {
        let store = try SandboxStore(path: nil)
        let faults = FaultSet()
        let service = SalesforceService(store: store, faults: faults)
        let creds = SalesforceCredentials.sandbox
        let wrong = await service.routed(
            Self.form(
                [("grant_type", "client_credentials"), ("client_id", creds.clientID), ("client_secret", "wrong")],
                "/services/oauth2/token"))
        #expect(wrong.status == 400)
        for headers in [[], [("Authorization", "Bearer 00Dforged!token")]] as [[(name: String, value: String)]] {
            let query = SandboxRequest(
                method: "GET", path: "/services/data/v59.0/query", query: "q=SELECT%20Id%20FROM%20Lead",
                headers: HTTPFields(headers))
            #expect(await service.routed(query).status == 401)
            #expect(
                await service.routed(
                    SandboxRequest(
                        method: "DELETE", path: "/services/data/v59.0/sobjects/Lead/00Q000000000001",
                        headers: HTTPFields(headers))
                ).status == 401)
        }
        let issued = await service.routed(
            Self.form(
                [
                    ("grant_type", "client_credentials"), ("client_id", creds.clientID),
                    ("client_secret", creds.clientSecret),
                ], "/services/oauth2/token"))
        let good = try #require(
            (try JSONSerialization.jsonObject(with: Data(issued.body)) as? [String: Any])?["access_token"] as? String)
        faults.replace(with: [try Fault(parsing: "salesforce:token-expired")])
        let expired = SandboxRequest(
            method: "GET", path: "/services/data/v59.0/query", query: "q=SELECT%20Id%20FROM%20Lead",
            headers: [.authorization: "Bearer \(good)"])
        #expect(await service.routed(expired).status == 401, "expired")
        // Web-to-Lead's only credential is the org id: another org's id stores nothing (and still answers 200).
        let otherOrg = await service.routed(
            Self.form(
                [
                    ("oid", "00D000000000BAD"), ("encoding", "UTF-8"), ("last_name", "x"), ("company", "c"),
                    ("email", "lctest_authtest1_1@example.com"),
                ], "/servlet/servlet.WebToLead"))
        #expect(otherOrg.status == 200)
        #expect(try await Self.stored(store) == 0)
    }

    @Test func httpsSinkRefusesMissingAndWrongSignatures() async throws {
        let store = try SandboxStore(path: nil)
        let service = HTTPSSinkService(
            store: store, faults: FaultSet([try Fault(parsing: "https:require-sig=right-sig")]))
        let body = #"{"UserDetails":{"Email":"lctest_authtest1_1@example.com"},"Description":"LCTEST_authtest1_1"}"#
        let path = "/workflows/sandbox/triggers/manual/paths/invoke"
        for query in ["api-version=2016-06-01", "api-version=2016-06-01&sig=wrong-sig", "api-version=2016-06-01&sig="] {
            let response = await service.routed(Self.json(body, "POST", path, query: query))
            #expect(response.status == 401, "\(query)")
        }
        #expect(try await Self.stored(store) == 0)
        #expect(
            await service.routed(Self.json(body, "POST", path, query: "api-version=2016-06-01&sig=right-sig")).status
                == 202)
        #expect(try await Self.stored(store) == 1)
    }
}
