import Foundation
import Testing

@testable import LeadDestinations
@testable import LeadModel

/// One Partner Center customer-leads document per destination type (docs/reference/partner-center.md §4), and
/// the ways a document can be wrong.
@Suite struct PartnerCenterImportTests {
    static let schema = #""$schema":"https://schema.mp.microsoft.com/schema/customer-leads/2022-03-01-preview3""#

    static func load(_ json: String, base: LeadCheckConfig? = nil, environment: [String: String] = [:])
        throws(LeadCheckError) -> DestinationConfig
    {
        try PartnerCenterImport.destination(
            from: Data(json.utf8), file: "leads.json", base: base, environment: environment)
    }

    @Test func httpsEndpoint() throws {
        let config = try Self.load(
            #"""
            {\#(Self.schema),"leadDestination":"httpsEndpoint","httpsEndpointLeadConfiguration":{"httpsEndpoin\#
            tUrl":"https://www.your-crm.com/triggers/invoke?sig=abc","contactEmail":["a@contoso.com"]}}
            """#
        )
        guard case .https(let https) = config.settings, case let url = https.url else {
            Issue.record("not https")
            return
        }
        #expect(url.reveal() == "https://www.your-crm.com/triggers/invoke?sig=abc")
        #expect(url.source == "leads.json: httpsEndpointLeadConfiguration.httpsEndpointUrl")
    }

    @Test func table() throws {
        let key = Data("k".utf8).base64EncodedString()
        let config = try Self.load(
            #"""
            {"leadDestination":"table","tableLeadConfiguration":{"storageAccountConnectionString":"DefaultEndp\#
            ointsProtocol=https;AccountName=contoso;AccountKey=\#(key);EndpointSuffix=core.windows.net"}}
            """#
        )
        guard case .azureTable(let connection, let table) = config.settings else {
            Issue.record("not a table")
            return
        }
        #expect(connection.account == "contoso" && table == "MarketplaceLeads")
    }

    @Test func dynamicsAzureADAndOffice365() throws {
        let config = try Self.load(
            #"""
            {"leadDestination":"dynamics","dynamicsLeadConfiguration":{"instanceUrl":"https://contoso.crm4.dyn\#
            amics.com","authentication":"azureAD","applicationId":"23456052-aaaa-bbbb-8662-1234df56788f","appl\#
            icationKey":"1234ABCDEDFRZ/G/FdY0aUABCEDcqhbLn/ST122345nBc=","directoryId":"12345678-8af1-4asf-123\#
            4-12234d01db47"}}
            """#
        )
        guard case .dynamics(let settings) = config.settings else {
            Issue.record("not dynamics")
            return
        }
        #expect(settings.instanceURL == "https://contoso.crm4.dynamics.com")
        #expect(settings.clientSecret?.reveal() == "1234ABCDEDFRZ/G/FdY0aUABCEDcqhbLn/ST122345nBc=")
        #expect(
            settings.effectiveTokenURL
                == "https://login.microsoftonline.com/12345678-8af1-4asf-1234-12234d01db47/oauth2/v2.0/token")
        let office = try Self.load(
            #"""
            {"leadDestination":"dynamics","dynamicsLeadConfiguration":{"uri":"https://contoso.crm.dynamics.com\#
            ","authentication":"office365","user_name":"leads@contoso.com","password":"pw-1234"}}
            """#
        )
        guard case .dynamics(let user) = office.settings else {
            Issue.record("not dynamics")
            return
        }
        #expect(
            user.authentication == .office365 && user.username == "leads@contoso.com"
                && user.password?.reveal() == "pw-1234")
    }

    @Test func marketoTakesTheClientFromTheConfigOrEnvironment() throws {
        let json =
            #"{"leadDestination":"marketo","marketoLeadConfiguration":{"serverId":"ys12","munchkinId":"123-PQR-789","formId":1179}}"#
        #expect(throws: LeadCheckError.self) { try Self.load(json) }
        let config = try Self.load(
            json, environment: ["LEADCHECK_MARKETO_CLIENT_ID": "id", "LEADCHECK_MARKETO_CLIENT_SECRET": "secret-1"])
        guard case .marketo(let settings) = config.settings else {
            Issue.record("not marketo")
            return
        }
        #expect(
            settings.formID == 1179 && settings.munchkinID == "123-PQR-789"
                && settings.clientSecret.reveal() == "secret-1")
        #expect(settings.baseURL == "https://123-pqr-789.mktorest.com")
    }

    @Test func salesforceTakesReadBackFromTheConfig() throws {
        let base = try ConfigLoader.parse(
            """
            version: 1
            destinations:
              - name: sf
                type: salesforce
                orgId: 00D000000000001
                webToLeadUrl: http://127.0.0.1:9/servlet/servlet.WebToLead?encoding=UTF-8
                instanceUrl: http://127.0.0.1:9
                clientId: key
                clientSecret: ${SF_SECRET}
                readbackTimeout: 3s
            """, file: "leadcheck.yaml", environment: ["SF_SECRET": "sf-secret"])
        let config = try Self.load(
            #"{"leadDestination":"salesforce","salesforceLeadConfiguration":{"objectIdentifier":"00D5e000001Acue"}}"#,
            base: base)
        guard case .salesforce(let settings) = config.settings else {
            Issue.record("not salesforce")
            return
        }
        #expect(settings.orgID == "00D5e000001Acue", "the org id is Partner Center's")
        #expect(
            settings.instanceURL == "http://127.0.0.1:9" && settings.clientSecret.reveal() == "sf-secret"
                && settings.readbackTimeoutMilliseconds == 3000)
        #expect(settings.webToLeadURL.hasPrefix("http://127.0.0.1:9/servlet"))
    }

    @Test func aConfigureDocumentWithResourcesIsAccepted() throws {
        let config = try Self.load(
            #"""
            {"$schema":"https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2","resources":[{"$\#
            schema":"https://schema.mp.microsoft.com/schema/product/2022-03-01-preview3"},{\#(Self.schema),"le\#
            adDestination":"httpsEndpoint","httpsEndpointLeadConfiguration":{"httpsEndpointUrl":"https://examp\#
            le.com/x"}}]}
            """#
        )
        #expect(config.kind == .https)
    }

    @Test(arguments: [
        (#"[]"#, "not a JSON object"),
        (#"{"product":{}}"#, "not a customer-leads resource"),
        (
            #"{"leadDestination":"email","emailLeadConfiguration":{"contactEmail":["a@b.c"]}}"#,
            "not a destination leadcheck can verify"
        ),
        (#"{"leadDestination":"dynamics"}"#, "'dynamicsLeadConfiguration' is missing"),
        (#"{"leadDestination":"ftp"}"#, "unknown leadDestination 'ftp'"),
        (
            #"{"leadDestination":"salesforce","salesforceLeadConfiguration":{"objectIdentifier":"00D5e000001Acue"}}"#,
            "LEADCHECK_SF_INSTANCE_URL"
        ),
    ])
    func badDocumentsSayWhatIsWrong(_ json: String, _ expected: String) {
        do throws(LeadCheckError) {
            _ = try Self.load(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.message.contains("leads.json"))
        }
    }
}
