import LeadDestinations
import LeadModel
import LeadTransport
import Testing

/// Vectors derived independently (Python's hmac over the documented string-to-sign) from
/// Azurite's well-known development key.
@Suite struct SharedKeySignerTests {
    static let devKey = Secret(
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", source: "test")

    @Test func sharedKeyMatchesTheDerivedVectorWithTheAccountTwiceInPathStyle() throws {
        let signer = try SharedKeySigner(account: "devstoreaccount1", key: Self.devKey)
        let header = signer.authorization(
            method: "POST", contentType: "application/json", date: "Tue, 30 Aug 2011 01:03:21 GMT",
            path: "/devstoreaccount1/MarketplaceLeads", query: nil)
        #expect(header == "SharedKey devstoreaccount1:znzDSOy7rjDXSXVWuT4d83yAfH1FlzBHZskSkiM7EeI=")
    }

    @Test func sharedKeyLiteSignsDateAndResourceOnly() throws {
        let signer = try SharedKeySigner(account: "myaccount", key: Self.devKey)
        let header = signer.authorization(
            scheme: .sharedKeyLite, method: "GET", contentType: "ignored", date: "Tue, 30 Aug 2011 01:03:21 GMT",
            path: "/MarketplaceLeads(PartitionKey='9%3A2F28%3A2F2018',RowKey='abc')", query: "$select=x")
        #expect(header == "SharedKeyLite myaccount:YyM2q3FSjkaMC3IehoJ4ALEpzxz5chLN9MJPpcCXr8k=")
    }

    @Test func canonicalizedResourceKeepsOnlyComp() {
        #expect(
            SharedKeySigner.canonicalizedResource(
                account: "a", path: "/Tables", query: "$filter=x&comp=list&NextTableName=y") == "/a/Tables?comp=list")
        #expect(
            SharedKeySigner.canonicalizedResource(account: "a", path: "/t()", query: "$filter=RowKey%20eq%20'x'")
                == "/a/t()")
    }

    @Test func verificationRejectsTamperingAndBadKeys() throws {
        let signer = try SharedKeySigner(account: "devstoreaccount1", key: Self.devKey)
        let toSign = "GET\n\n\nTue, 30 Aug 2011 01:03:21 GMT\n/devstoreaccount1/devstoreaccount1/Tables"
        let signature = signer.signature(toSign)
        #expect(signer.verify(signature: signature, stringToSign: toSign))
        #expect(!signer.verify(signature: signature, stringToSign: toSign + "x"))
        #expect(!signer.verify(signature: "not base64!", stringToSign: toSign))
        #expect(throws: LeadCheckError.self) { try SharedKeySigner(account: "a", key: Secret("%%%", source: "k")) }
    }
}
