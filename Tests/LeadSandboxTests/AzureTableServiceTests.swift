import Foundation
import HTTPTypes
import LeadModel
import Testing

@testable import LeadDestinations
@testable import LeadModel
@testable import LeadSandbox
@testable import LeadTransport

/// The Table service as a function, without sockets: authentication, limits and error shapes.
@Suite struct AzureTableServiceTests {
    static let account = AzureTableService.developmentAccount
    static let signer = try! SharedKeySigner(
        account: account, key: Secret(AzureTableService.developmentKey, source: "dev"))

    static func service(faults: [Fault] = []) throws -> AzureTableService {
        try AzureTableService(
            store: try SandboxStore(path: nil), faults: FaultSet(faults),
            accounts: [account: AzureTableService.developmentKey])
    }

    /// A request signed like leadcheck's client signs it.
    static func signed(
        _ method: String, _ path: String, query: String? = nil, body: [UInt8] = [],
        contentType: String = "application/json",
        scheme: SharedKeyScheme = .sharedKey, date: Date = Date(), signer: SharedKeySigner = signer,
        extra: [(name: String, value: String)] = []
    ) -> SandboxRequest {
        let dateText = LeadTimestamp(secondsSinceEpoch: Int64(date.timeIntervalSince1970)).rfc1123
        let authorization = signer.authorization(
            scheme: scheme, method: method, contentType: body.isEmpty ? "" : contentType, date: dateText, path: path,
            query: query)
        var headers: [(name: String, value: String)] = [
            ("x-ms-date", dateText), ("x-ms-version", "2019-02-02"), ("Authorization", authorization),
            ("Accept", "application/json;odata=nometadata"),
        ]
        if !body.isEmpty { headers.append(("Content-Type", contentType)) }
        return SandboxRequest(
            method: method, path: path, query: query, headers: HTTPFields(headers + extra), body: body)
    }

    static func json(_ object: Any) -> [UInt8] { Array(try! JSONSerialization.data(withJSONObject: object)) }

    /// The error code, from the body's `odata.error` as the real service sends it.
    static func code(_ response: SandboxResponse) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        return (object?["odata.error"] as? [String: Any])?["code"] as? String
    }

    @Test func jsonErrorsCarryNoErrorCodeHeaderAndNoDetail() {
        let response = AzureTableService.authenticationFailed("reason")
        #expect(response.headers[HTTPField.Name("x-ms-error-code")!] == nil)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("AuthenticationErrorDetail"))
        #expect(Self.code(response) == "AuthenticationFailed")
    }

    static func createTable(_ service: AzureTableService) async {
        let created = await service.routed(
            signed("POST", "/\(account)/Tables", body: json(["TableName": "MarketplaceLeads"])))
        #expect(created.status == 201)
    }

    @Test func insertGetQueryDeleteRoundTrip() async throws {
        let service = try Self.service()
        await Self.createTable(service)
        let entity: [String: Any] = [
            "PartitionKey": "11:2F24:2F2026", "RowKey": "a1", "Description": "LCTEST_abcd1234_1 x",
            "CustomerInfo": "{\"FirstName\":\"太郎\"}",
        ]
        let inserted = await service.routed(
            Self.signed("POST", "/\(Self.account)/MarketplaceLeads", body: Self.json(entity)))
        #expect(inserted.status == 201)
        let path = "/\(Self.account)/MarketplaceLeads(PartitionKey='11%3A2F24%3A2F2026',RowKey='a1')"
        let got = await service.routed(Self.signed("GET", path))
        #expect(got.status == 200)
        let object = try JSONSerialization.jsonObject(with: Data(got.body)) as! [String: Any]
        #expect(object["CustomerInfo"] as? String == "{\"FirstName\":\"太郎\"}")
        #expect(object["Timestamp"] != nil)
        let query = await service.routed(
            Self.signed("GET", "/\(Self.account)/MarketplaceLeads()", query: "$filter=RowKey%20eq%20'a1'"))
        #expect(
            ((try JSONSerialization.jsonObject(with: Data(query.body)) as! [String: Any])["value"] as! [Any]).count == 1
        )
        let noIfMatch = await service.routed(Self.signed("DELETE", path))
        #expect(noIfMatch.status == 400)
        let deleted = await service.routed(Self.signed("DELETE", path, extra: [("If-Match", "*")]))
        #expect(deleted.status == 204)
        let gone = await service.routed(Self.signed("GET", path))
        #expect(gone.status == 404)
        #expect(Self.code(gone) == "ResourceNotFound")
    }

    @Test func sharedKeyLiteIsAccepted() async throws {
        let service = try Self.service()
        let response = await service.routed(Self.signed("GET", "/\(Self.account)/Tables", scheme: .sharedKeyLite))
        #expect(response.status == 200)
    }

    @Test func wrongKeyMissingAuthAndCrossAccountAreAuthenticationFailed() async throws {
        let service = try Self.service()
        let wrong = try SharedKeySigner(account: Self.account, key: Secret("d3JvbmdrZXl3cm9uZ2tleQ==", source: "x"))
        for request in [
            Self.signed("GET", "/\(Self.account)/Tables", signer: wrong),
            SandboxRequest(
                method: "GET", path: "/\(Self.account)/Tables",
                headers: [.msDate: LeadTimestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).rfc1123]),
            Self.signed(
                "GET", "/\(Self.account)/Tables",
                signer: try SharedKeySigner(
                    account: "otheraccount", key: Secret(AzureTableService.developmentKey, source: "x"))),
        ] {
            let response = await service.routed(request)
            #expect(response.status == 403)
            #expect(Self.code(response) == "AuthenticationFailed")
            let body = try JSONSerialization.jsonObject(with: Data(response.body)) as! [String: Any]
            let error = body["odata.error"] as! [String: Any]
            #expect(error["code"] as? String == "AuthenticationFailed")
            #expect(((error["message"] as! [String: Any])["value"] as! String).contains("RequestId:"))
        }
    }

    @Test func requestsDatedMoreThanFifteenMinutesAwayAreRejected() async throws {
        let service = try Self.service()
        for offset in [-16.0 * 60, 16.0 * 60] {
            let response = await service.routed(
                Self.signed("GET", "/\(Self.account)/Tables", date: Date().addingTimeInterval(offset)))
            #expect(response.status == 403)
        }
        let fine = await service.routed(
            Self.signed("GET", "/\(Self.account)/Tables", date: Date().addingTimeInterval(-14 * 60)))
        #expect(fine.status == 200)
        let skewed = try Self.service(faults: [try Fault(parsing: "azure-table:clock-skew")])
        let rejected = await skewed.routed(Self.signed("GET", "/\(Self.account)/Tables"))
        #expect(rejected.status == 403)
    }

    @Test(arguments: ["a/b", "a\\b", "a#b", "a?b", "a\u{1}b", "a\u{7F}b", "a\u{85}b"])
    func forbiddenKeyCharactersAreRejected(_ key: String) async throws {
        let service = try Self.service()
        await Self.createTable(service)
        let response = await service.routed(
            Self.signed(
                "POST", "/\(Self.account)/MarketplaceLeads", body: Self.json(["PartitionKey": key, "RowKey": "r"])))
        #expect(response.status == 400)
        #expect(Self.code(response) != nil)
    }

    @Test func propertyAndEntitySizeLimitsAreEnforced() async throws {
        let service = try Self.service()
        await Self.createTable(service)
        let big = String(repeating: "x", count: 32 * 1024 + 1)
        let tooLong = await service.routed(
            Self.signed(
                "POST", "/\(Self.account)/MarketplaceLeads",
                body: Self.json(["PartitionKey": "p", "RowKey": "r", "D": big])))
        #expect(tooLong.status == 400)
        #expect(Self.code(tooLong) == "PropertyValueTooLarge")
        let atLimit = await service.routed(
            Self.signed(
                "POST", "/\(Self.account)/MarketplaceLeads",
                body: Self.json(["PartitionKey": "p", "RowKey": "r", "D": String(big.dropLast())])))
        #expect(atLimit.status == 201)
        var many: [String: Any] = ["PartitionKey": "p", "RowKey": "r2"]
        for i in 0..<40 { many["P\(i)"] = String(repeating: "y", count: 30_000) }
        let tooBig = await service.routed(
            Self.signed("POST", "/\(Self.account)/MarketplaceLeads", body: Self.json(many)))
        #expect(tooBig.status == 400)
        #expect(Self.code(tooBig) == "EntityTooLarge")
    }

    @Test func missingTableAndDuplicatesUseTheRealCodes() async throws {
        let service = try Self.service()
        let missing = await service.routed(
            Self.signed(
                "POST", "/\(Self.account)/MarketplaceLeads", body: Self.json(["PartitionKey": "p", "RowKey": "r"])))
        #expect(Self.code(missing) == "TableNotFound")
        await Self.createTable(service)
        let again = await service.routed(
            Self.signed("POST", "/\(Self.account)/Tables", body: Self.json(["TableName": "marketplaceleads"])))
        #expect(again.status == 409)
        #expect(Self.code(again) == "TableAlreadyExists")
        let badName = await service.routed(
            Self.signed("POST", "/\(Self.account)/Tables", body: Self.json(["TableName": "1bad-name"])))
        #expect(badName.status == 400)
    }

    @Test func pagingReturnsContinuationTokens() async throws {
        let service = try Self.service()
        await Self.createTable(service)
        for i in 0..<5 {
            _ = await service.routed(
                Self.signed(
                    "POST", "/\(Self.account)/MarketplaceLeads",
                    body: Self.json(["PartitionKey": "p", "RowKey": "r\(i)"])))
        }
        var rows: [String] = []
        var query = "$top=2"
        for _ in 0..<10 {
            let page = await service.routed(Self.signed("GET", "/\(Self.account)/MarketplaceLeads()", query: query))
            let value =
                (try JSONSerialization.jsonObject(with: Data(page.body)) as! [String: Any])["value"] as! [[String: Any]]
            rows += value.map { $0["RowKey"] as! String }
            guard let npk = page.headers[.msContinuationNextPartitionKey],
                let nrk = page.headers[.msContinuationNextRowKey]
            else { break }
            query =
                """
                $top=2&NextPartitionKey=\(npk.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&N\
                extRowKey=\(nrk.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                """
        }
        #expect(rows == ["r0", "r1", "r2", "r3", "r4"])
    }

    @Test func filterParserHandlesQuotesAndPrecedence() throws {
        let filter = try TableFilter.parse("PartitionKey eq 'O''Brien' and (RowKey gt 'b' or not (RowKey eq 'a'))")
        #expect(filter.matches(["PartitionKey": "O'Brien", "RowKey": "c"]))
        #expect(!filter.matches(["PartitionKey": "OBrien", "RowKey": "c"]))
        #expect(throws: (any Error).self) { try TableFilter.parse("PartitionKey eq 'open") }
        #expect(throws: (any Error).self) {
            try TableFilter.parse(Array(repeating: "A eq 1", count: 16).joined(separator: " and "))
        }
    }

    @Test func mojibakeAndTruncateFaultsCorruptStoredFields() async throws {
        let service = try Self.service(faults: [try Fault(parsing: "azure-table:mojibake")])
        await Self.createTable(service)
        let info = "{\"FirstName\":\"Zoë\"}"
        _ = await service.routed(
            Self.signed(
                "POST", "/\(Self.account)/MarketplaceLeads",
                body: Self.json(["PartitionKey": "p", "RowKey": "r", "CustomerInfo": info])))
        let got = await service.routed(
            Self.signed("GET", "/\(Self.account)/MarketplaceLeads(PartitionKey='p',RowKey='r')"))
        let stored =
            (try JSONSerialization.jsonObject(with: Data(got.body)) as! [String: Any])["CustomerInfo"] as! String
        #expect(stored.contains("ZoÃ«"))
    }
}
