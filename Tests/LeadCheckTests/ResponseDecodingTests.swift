import Foundation
import LeadModel
import Testing

@testable import LeadDestinations

/// The typed answers decode the shapes the real services send (real-responses.md and
/// destinations.md quote them; the bodies below are those captures), and refuse what is not
/// that shape instead of guessing.
@Suite struct ResponseDecodingTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func tokenAnswersOfEntraMarketoAndSalesforce() throws {
        let entra = try #require(
            JSONValue.decode(
                TokenAnswer.self,
                from: Self.bytes(
                    #"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0.x.y"}"#)))
        #expect(entra.token == "eyJ0.x.y" && entra.lifetime(fallback: 1) == 3599)
        let marketo = try #require(
            JSONValue.decode(
                TokenAnswer.self,
                from: Self.bytes(
                    #"{"access_token":"cdf01657-110d-4155-99a7-f986b2ff13a0:int","token_type":"bearer","expires_in":3599,"scope":"apiuser@example.com"}"#
                )))
        #expect(marketo.token == "cdf01657-110d-4155-99a7-f986b2ff13a0:int")
        let salesforce = try #require(
            JSONValue.decode(
                TokenAnswer.self,
                from: Self.bytes(
                    #"""
                    {"access_token":"00Dxx!AR8","instance_url":"https://contoso.my.salesforce.com","id":"https\#
                    ://login.salesforce.com/id/00D/005","token_type":"Bearer","issued_at":"1700000000000","sig\#
                    nature":"s"}
                    """#
                )))
        #expect(
            salesforce.instanceURL == "https://contoso.my.salesforce.com" && salesforce.lifetime(fallback: 3600) == 3600
        )
        let refused = try #require(
            JSONValue.decode(
                TokenAnswer.self,
                from: Self.bytes(#"{"error":"invalid_client","error_description":"Bad client credentials"}"#)))
        #expect(
            refused.token == nil && refused.error == "invalid_client"
                && refused.errorDescription == "Bad client credentials")
        #expect(JSONValue.decode(TokenAnswer.self, from: Self.bytes(#"{"access_token":""}"#))?.token == nil)
        #expect(
            JSONValue.decode(TokenAnswer.self, from: Self.bytes(#"{"expires_in":"3599"}"#))?.lifetime(fallback: 1)
                == 3599)
        #expect(JSONValue.decode(TokenAnswer.self, from: Self.bytes("<html>502</html>")) == nil)
    }

    @Test func marketoEnvelopeWithStringOrNumberCodesAndSkippedRecords() throws {
        let failed = try #require(
            MarketoEnvelope(
                Self.bytes(
                    #"{"requestId":"e42b#14272d07d78","success":false,"errors":[{"code":"601","message":"Access token invalid"}]}"#
                )))
        #expect(!failed.success && failed.errors.first?.codeText == "601" && failed.result.isEmpty)
        #expect(
            MarketoEnvelope(Self.bytes(#"{"success":false,"errors":[{"code":606,"message":"Max rate limit"}]}"#))?
                .errors.first?.codeText == "606")
        let skipped = try #require(
            MarketoEnvelope(
                Self.bytes(
                    #"{"requestId":"1","success":true,"result":[{"status":"skipped","reasons":[{"code":"1006","message":"Field 'Company' not found"}]}]}"#
                )))
        #expect(
            skipped.result.first?.status == "skipped" && skipped.result.first?.reasons?.first?.codeText == "1006"
                && skipped.result.first?.id == nil)
        let read = try #require(
            MarketoEnvelope(
                Self.bytes(
                    #"{"requestId":"2","success":true,"result":[{"id":318581,"email":"a@b.example","firstName":"Ann","company":null,"phone":42}]}"#
                )))
        let record = try #require(read.result.first)
        #expect(record.id == 318_581 && record["email"] == "a@b.example" && record["firstName"] == "Ann")
        // Null and a number where text belongs read as "not text", which the comparator reports.
        #expect(record["company"] == nil && record["phone"] == nil && record.fields["phone"] == .number(42))
        #expect(MarketoEnvelope(Self.bytes("[1,2]")) == nil)
    }

    @Test func salesforceErrorsQueriesAndDeleteResults() throws {
        let error = try #require(
            SalesforceError.first(
                in: Self.bytes(#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)))
        #expect(error.errorCode == "INVALID_SESSION_ID" && error.message == "Session expired or invalid")
        #expect(SalesforceError.first(in: Self.bytes(#"{"error":"invalid_grant"}"#)) == nil)
        let query = try #require(
            JSONValue.decode(
                SalesforceQueryResult.self,
                from: Self.bytes(
                    #"""
                    {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Lead","url":"/services/data/v\#
                    62.0/sobjects/Lead/00Q1"},"Id":"00Q1","Email":"x@y.example","Description":null}]}
                    """#
                )))
        #expect(query.records.first?["Id"]?.string == "00Q1" && query.records.first?["Description"] == .null)
        let deleted = try #require(
            JSONValue.decode(
                [SalesforceDeleteResult].self,
                from: Self.bytes(
                    #"""
                    [{"id":"00Q1","success":true,"errors":[]},{"success":false,"errors":[{"statusCode":"ENTITY\#
                    _IS_DELETED","message":"entity is deleted","fields":[]}]}]
                    """#
                )))
        #expect(deleted[0].success == true && deleted[1].errors?.first?.statusCode == "ENTITY_IS_DELETED")
    }

    @Test func dataverseRowsAndTableEntities() throws {
        let page = try #require(
            JSONValue.decode(
                ODataCollection<JSONObject>.self,
                from: Self.bytes(
                    #"""
                    {"@odata.context":"https://org.crm.dynamics.com/api/data/v9.2/$metadata#leads","value":[{"\#
                    @odata.etag":"W/\"1\"","leadid":"6f7c","subject":"s","leadsourcecode":8,"telephone1":null}\#
                    ]}
                    """#
                )))
        let stored = DynamicsDestination.stored(try #require(page.value.first))
        #expect(stored[.leadSourceCode] == .some("8") && stored[.phone] == .some(nil))
        let entity: JSONObject = try #require(
            JSONValue.decode(
                JSONObject.self,
                from: Self.bytes(
                    #"""
                    {"odata.metadata":"m","PartitionKey":"p","RowKey":"r","Description":"LCTEST_1\#
                     d","CustomerInfo":"{\"FirstName\":\"Zoë\",\"Email\":\"lctest_1@x.example\",\"Phone\":null\#
                    }"}
                    """#
                )))
        let table = AzureTableDestination.stored(entity)
        #expect(
            table[.firstName] == .some("Zoë") && table[.email] == .some("lctest_1@x.example")
                && table[.phone] == .some(nil) && table[.description] == .some("LCTEST_1 d"))
        // CustomerInfo that is not JSON leaves every customer field unread rather than failing the entity.
        let unreadable = AzureTableDestination.stored(["CustomerInfo": .string("not json")])
        #expect(unreadable.keys.contains(.email) && unreadable[.email] == .some(nil), "\(unreadable)")
    }

    @Test func valuesKeepTheirTypesAndPrintAsEvidence() throws {
        let value = try #require(JSONValue.decode(JSONValue.self, from: Self.bytes(#"{"a":[true,null,1.5,-3,"t"]}"#)))
        #expect(value["a"] == .array([.bool(true), .null, .number(1.5), .number(-3), .string("t")]))
        #expect(
            JSONValue.number(1006).text == "1006" && JSONValue.number(1.5).text == "1.5"
                && JSONValue.bool(false).text == "false")
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }
}
