import Foundation
import LeadWire
import Testing

@testable import LeadFiles
@testable import LeadModel

@Suite struct WireEncodingTests {
    /// A lead carrying the values of a documented example.
    static func lead(
        _ customer: CustomerInfo, pair: MatrixPair = MatrixPair(.azureMarketplace, .install),
        offer: Offer = Offer(id: "contoso.test", title: "Test Microsoft"), description: String
    ) -> Lead {
        var rng = SeededGenerator(seed: 1)
        return Lead(
            runID: RunID.derived(fromSeed: 1), sequence: 1, pair: pair, variant: .typical, locale: .enUS, offer: offer,
            customer: customer, description: description,
            createdTime: TimestampTests.testRow, guid: LeadGUID(using: &rng)
        )
    }

    static let allLeads = LeadGenerator(options: GenerationOptions(seed: 42, matrix: .full)).leads()

    // MARK: HTTPS (docs/reference/https-endpoint.md §1)

    static let exampleLead = lead(
        CustomerInfo(
            firstName: "Some", lastName: "One", email: "someone@contoso.com", phone: "16175555555",
            country: "USA", company: "Contoso", title: "Esquire"),
        description: "Test run through Power Automate"
    )

    @Test func httpsBodyIsCamelCaseAsMicrosoftSendsIt() throws {
        // docs/reference/https-endpoint.md §1 (corrected): the keys partners captured on the wire
        // (azure-docs #58230's example body), in the documented example's order.
        #expect(
            HTTPSLeadEncoder().encodedString(Self.exampleLead)
                == #"""
                {"userDetails":{"firstName":"Some","lastName":"One","email":"someone@contoso.com","phone":"161\#
                75555555","country":"USA","company":"Contoso","title":"Esquire"},"leadSource":"AzureMarketplac\#
                e","actionCode":"INS","offerTitle":"Test Microsoft","description":"Test run through Power\#
                 Automate"}
                """#
        )
    }

    @Test func httpsPascalOptionIsTheDocumentedExample() throws {
        let body = HTTPSLeadEncoder(options: HTTPSWireOptions(keyCase: .pascal)).encodedString(Self.exampleLead)
        // The documented "JSON example", whitespace removed, keys in the documented order.
        #expect(
            body
                == #"""
                {"UserDetails":{"FirstName":"Some","LastName":"One","Email":"someone@contoso.com","Phone":"161\#
                75555555","Country":"USA","Company":"Contoso","Title":"Esquire"},"LeadSource":"AzureMarketplac\#
                e","ActionCode":"INS","OfferTitle":"Test Microsoft","Description":"Test run through Power\#
                 Automate"}
                """#
        )
    }

    @Test func httpsPascalBodyHasExactlyTheSchemaProperties() throws {
        let schemaTop: Set = ["ActionCode", "OfferTitle", "LeadSource", "Description", "UserDetails"]
        let schemaUser: Set = ["Company", "Country", "Email", "FirstName", "LastName", "Phone", "Title"]
        for lead in Self.allLeads where lead.variant != .msftTest && lead.descriptionShape != .absent {
            let object = try Decoding.jsonObject(
                HTTPSLeadEncoder(options: HTTPSWireOptions(keyCase: .pascal)).encode(lead))
            #expect(Set(object.keys) == schemaTop)
            let user = try #require(object["UserDetails"] as? [String: Any])
            #expect(Set(user.keys).isSubset(of: schemaUser))
            #expect(object.values.allSatisfy { $0 is String || $0 is [String: Any] }, "all values are strings")
            for field in CustomerField.allCases {
                #expect(sameScalars(user[field.rawValue] as? String, lead.customer[field]))
            }
            #expect(sameScalars(object["Description"] as? String, lead.description))
            #expect(object["ActionCode"] as? String == lead.pair.action.rawValue)
        }
    }

    @Test func httpsOptionsChangeCasingLeadSourceAndAbsentFields() throws {
        let lead = Self.lead(
            CustomerInfo(firstName: "A", email: "a@example.com"), pair: MatrixPair(.appSource, .partnerLedTrial),
            description: "d")
        let camel = try Decoding.jsonObject(
            HTTPSLeadEncoder(options: HTTPSWireOptions(keyCase: .camel, leadSource: .full)).encode(lead))
        #expect((camel["userDetails"] as? [String: Any])?["firstName"] as? String == "A")
        #expect(camel["leadSource"] as? String == "SPZA-PLT|contoso.test")
        let nulls = HTTPSLeadEncoder(options: HTTPSWireOptions(absentFields: .null)).encodedString(lead)
        #expect(nulls.contains(#""lastName":null"#))
        let empties = HTTPSLeadEncoder(options: HTTPSWireOptions(absentFields: .empty)).encodedString(lead)
        #expect(empties.contains(#""lastName":"""#))
        let omitted = HTTPSLeadEncoder().encodedString(lead)
        #expect(!omitted.lowercased().contains("lastname"))
    }

    // MARK: Azure Table (docs/reference/azure-table.md §2)

    @Test func azureCustomerInfoIsTheRealTestEntry() throws {
        let token = "MSFT_TEST_636737558587117715"
        let lead = Self.lead(
            CustomerInfo(
                firstName: token, lastName: token, email: "\(token)@test.com", phone: "1234567890",
                country: "US", company: token, title: token),
            description: token
        )
        let encoder = AzureTableEntityEncoder()
        // sample-entry.json, compacted, in its own key order.
        #expect(
            encoder.customerInfoJSON(lead)
                == #"""
                {"FirstName":"MSFT_TEST_636737558587117715","LastName":"MSFT_TEST_636737558587117715","Email":\#
                "MSFT_TEST_636737558587117715@test.com","Phone":"1234567890","Country":"US","Company":"MSFT_TE\#
                ST_636737558587117715","Title":"MSFT_TEST_636737558587117715"}
                """#
        )
        let entity = try Decoding.jsonObject(encoder.encode(lead))
        #expect(
            Set(entity.keys) == [
                "PartitionKey", "RowKey", "ActionCode", "CreatedTime", "CustomerInfo", "Description", "LeadSource",
                "OfferDisplayName",
            ])
        #expect(entity["PartitionKey"] as? String == "9:2F28:2F2018")
        #expect(entity["CreatedTime"] as? String == "9/28/2018 6:24:18 PM")
        #expect(entity["LeadSource"] as? String == "AzureMarketplace-INS|contoso.test")
        #expect(entity["OfferDisplayName"] as? String == "Test Microsoft")
        #expect(entity.values.allSatisfy { $0 is String }, "string-only entity, no odata.type annotations needed")
    }

    @Test func azureEntitiesRoundTripAndRespectKeyRules() throws {
        for lead in Self.allLeads {
            let entity = try Decoding.jsonObject(AzureTableEntityEncoder().encode(lead))
            let info = try Decoding.jsonObject(Array((entity["CustomerInfo"] as! String).utf8))
            for field in CustomerField.allCases {
                #expect(sameScalars(info[field.rawValue] as? String, lead.customer[field]))
            }
            for key in ["PartitionKey", "RowKey"] {
                let value = entity[key] as! String
                #expect(value.utf8.count <= 1024)
                #expect(
                    !value.unicodeScalars.contains {
                        "/\\#?".unicodeScalars.contains($0) || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                    })
            }
            #expect((entity["CustomerInfo"] as! String).utf16.count <= 32_768)
        }
    }

    // MARK: Dynamics (docs/reference/dynamics.md §1–2)

    @Test func dynamicsRecordUsesTheLeadLogicalNames() throws {
        let lead = Self.lead(
            CustomerInfo(
                firstName: "John", lastName: "Smith", email: "jsmith@microsoft.com", phone: "1234567890",
                country: "US", company: "Microsoft", title: "CTO"),
            description: "d"
        )
        let record = try Decoding.jsonObject(DynamicsLeadEncoder().encode(lead))
        #expect(record["firstname"] as? String == "John")
        #expect(record["lastname"] as? String == "Smith")
        #expect(record["emailaddress1"] as? String == "jsmith@microsoft.com")
        #expect(record["telephone1"] as? String == "1234567890")
        #expect(record["address1_country"] as? String == "US")
        #expect(record["companyname"] as? String == "Microsoft")
        #expect(record["jobtitle"] as? String == "CTO")
        #expect(record["description"] as? String == "d")
        #expect(record["subject"] as? String == "AzureMarketplace-INS|contoso.test")
        #expect(record["leadsourcecode"] as? Int == 8)
        #expect(record.count == 10)
        let custom = try Decoding.jsonObject(
            DynamicsLeadEncoder(options: DynamicsWireOptions(leadSourceCode: 10)).encode(lead))
        #expect(custom["leadsourcecode"] as? Int == 10)
    }

    @Test func dynamicsOmitsAbsentFields() throws {
        let record = try Decoding.jsonObject(
            DynamicsLeadEncoder().encode(Self.lead(CustomerInfo(lastName: "Only"), description: "d")))
        #expect(Set(record.keys) == ["lastname", "description", "subject", "leadsourcecode"])
    }

    // MARK: Marketo (docs/reference/marketo.md §2)

    @Test func marketoSubmitFormHasTheDocumentedShape() throws {
        let lead = Self.lead(
            CustomerInfo(firstName: "Marge", lastName: "Simpson", email: "marge.simpson@fox.com"), description: "d")
        let body = MarketoLeadEncoder(options: MarketoWireOptions(formID: 1029)).encodedString(lead)
        #expect(
            body
                == #"""
                {"formId":1029,"input":[{"leadFormFields":{"firstName":"Marge","lastName":"Simpson","email":"m\#
                arge.simpson@fox.com","leadSource":"AzureMarketplace-INS|contoso.test"}}]}
                """#
        )
        #expect(MarketoLeadEncoder().fieldNames(lead) == ["firstName", "lastName", "email", "leadSource"])
    }

    @Test func marketoSyncHasTheDocumentedShapeAndConfigurableFields() throws {
        let lead = Self.lead(
            CustomerInfo(firstName: "Kataldar-1", email: "kjashaedd-1@klooblept.com"), description: "note")
        let options = MarketoWireOptions(
            leadSourceField: "SourceSystemName", descriptionField: "comments", mode: .sync, syncAction: "createOnly")
        let object = try Decoding.jsonObject(MarketoLeadEncoder(options: options).encode(lead))
        #expect(object["action"] as? String == "createOnly")
        #expect(object["lookupField"] as? String == "email")
        let input = try #require(object["input"] as? [[String: Any]])
        #expect(input.count == 1)
        #expect(input[0]["email"] as? String == "kjashaedd-1@klooblept.com")
        #expect(input[0]["SourceSystemName"] as? String == "AzureMarketplace-INS|contoso.test")
        #expect(input[0]["comments"] as? String == "note")
    }

    @Test func marketoBodiesRoundTrip() throws {
        for lead in Self.allLeads {
            let object = try Decoding.jsonObject(MarketoLeadEncoder().encode(lead))
            let input = try #require(object["input"] as? [[String: Any]])
            let fields = try #require(input.first?["leadFormFields"] as? [String: Any])
            #expect(sameScalars(fields["email"] as? String, lead.customer.email))
            #expect(sameScalars(fields["company"] as? String, lead.customer.company))
        }
    }

    // MARK: Salesforce (docs/reference/lead.md §2, docs/reference/salesforce.md §1)

    @Test func salesforceFormHasTheTestLeadFields() throws {
        let token = "MSFT_TEST_636573304831318844"
        let lead = Self.lead(
            CustomerInfo(
                firstName: token, lastName: token, email: "\(token)@test.com", phone: "1234567890",
                country: "US", company: token, title: token),
            offer: Offer(id: "contoso.offer", title: "Offer Name"), description: token
        )
        let body = SalesforceWebToLeadEncoder(options: SalesforceWireOptions(orgID: "00Do0000000ZHog")).encodedString(
            lead)
        let fields = try Decoding.form(body)
        // The documented test lead, minus the second `encoding` (that one is in the servlet URL).
        let documented: [String: String] = [
            "company": token, "country": "US", "description": token, "email": "\(token)@test.com",
            "encoding": "UTF-8", "first_name": token, "last_name": token,
            "lead_source": "AzureMarketplace-INS|contoso.offer", "oid": "00Do0000000ZHog", "phone": "1234567890",
            "title": token,
        ]
        #expect(Dictionary(uniqueKeysWithValues: fields) == documented)
        #expect(fields.first! == ("oid", "00Do0000000ZHog"))
        #expect(body.contains("email=MSFT_TEST_636573304831318844%40test.com"))
    }

    @Test func formEncodingEscapesPlusApostropheSpaceAndUTF8() {
        let buffer = WireBuffer()
        buffer.appendFormEncoded("a b+c'd&e=é|~")
        #expect(buffer.string == "a+b%2Bc%27d%26e%3D%C3%A9%7C%7E")
    }

    @Test func salesforceBodiesRoundTripExactly() throws {
        for lead in Self.allLeads {
            let body = SalesforceWebToLeadEncoder().encodedString(lead)
            #expect(!body.contains("\n") && !body.contains(" "))
            let fields = Dictionary(uniqueKeysWithValues: try Decoding.form(body))
            #expect(sameScalars(fields["email"], lead.customer.email))
            #expect(sameScalars(fields["last_name"], lead.customer.lastName))
            #expect(sameScalars(fields["description"], lead.description))
            #expect(
                fields["lead_source"]
                    == (lead.variant == .msftTest
                        ? "\(lead.marker)-\(lead.marker)|\(lead.offer.title)" : lead.leadSource(LeadSourceFormat())))
        }
    }

    // MARK: Shared encoders

    @Test func jsonEscapingCoversQuotesBackslashesAndControls() {
        let buffer = WireBuffer()
        buffer.appendJSONString("a\"b\\c\nd\re\tf\u{01}g\u{1F}h é 𠮷")
        #expect(buffer.string == #""a\"b\\c\nd\re\tf\u0001g\u001fh é 𠮷""#)
    }

    /// The escaper scans 16 bytes at a time, the last step re-reading the final sixteen: every
    /// length around two blocks, with a byte to escape at every position (or none), must
    /// round-trip through a JSON parser.
    @Test func jsonEscapingRoundTripsAtEveryBlockBoundary() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\u{0}", "\u{1F}", "é", "𠮷"]
        for length in 0...40 {
            for position in -1..<length {
                for special in position < 0 ? [Character("x")] : specials {
                    var text = String(repeating: "a", count: length)
                    if position >= 0 {
                        let index = text.index(text.startIndex, offsetBy: position)
                        text.replaceSubrange(index...index, with: String(special))
                    }
                    let buffer = WireBuffer()
                    buffer.appendJSONString(text)
                    let decoded =
                        try JSONSerialization.jsonObject(with: Data(buffer.string.utf8), options: [.fragmentsAllowed])
                        as? String
                    #expect(decoded.map(Array.init) == Array(text), "length \(length), position \(position)")
                }
            }
        }
    }

    /// Two bytes to escape at every pair of positions: the second is found by a scan that starts
    /// mid-word, after the first, and by the byte-wise tail past the last whole word.
    @Test func jsonEscapingFindsEverySecondSpecialAfterTheFirst() throws {
        for length in 2...40 {
            for first in 0..<(length - 1) {
                for second in (first + 1)..<length {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[first] = UInt8(ascii: "\"")
                    bytes[second] = 0x0A
                    let buffer = WireBuffer()
                    bytes.withUnsafeBufferPointer { buffer.appendJSONEscaped(utf8: $0) }
                    var expected = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    expected.replaceSubrange(second...second, with: Array(#"\n"#.utf8))
                    expected.replaceSubrange(first...first, with: Array(#"\""#.utf8))
                    #expect(buffer.bytes == expected, "length \(length), at \(first) and \(second)")
                }
            }
        }
    }

    /// Every byte value at every position of a word and of the tail after it: only control
    /// bytes, `"` and `\` are escaped (bytes from 0x80, UTF-8's, never are).
    @Test func jsonEscapingJudgesEveryByteValueAtEveryPosition() {
        for position in 0..<19 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
                bytes[position] = UInt8(value)
                let buffer = WireBuffer()
                bytes.withUnsafeBufferPointer { buffer.appendJSONEscaped(utf8: $0) }
                let special = value < 0x20 || value == 0x22 || value == 0x5C
                #expect(
                    special ? buffer.bytes[position] == UInt8(ascii: "\\") && buffer.count > 19 : buffer.bytes == bytes,
                    "0x\(String(value, radix: 16)) at \(position)")
            }
        }
    }

    /// The scan never reads past the string: at the very end of a page followed by an unreadable
    /// one, any read past it would crash the test process.
    @Test func jsonEscapingNeverReadsAcrossIntoTheNextPage() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapped = try #require(mmap(nil, page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(mapped != MAP_FAILED)
        defer { munmap(mapped, page * 2) }
        #expect(mprotect(mapped + page, page, PROT_NONE) == 0)
        let base = mapped.assumingMemoryBound(to: UInt8.self)
        for length in 0...20 {
            let start = base + page - length
            for index in 0..<length { start[index] = index == length / 2 ? UInt8(ascii: "\"") : UInt8(ascii: "b") }
            let buffer = WireBuffer()
            buffer.appendJSONEscaped(utf8: UnsafeBufferPointer(start: start, count: length))
            #expect(buffer.count == (length == 0 ? 0 : length + 1), "length \(length)")
        }
    }

    @Test func canonicalRecordsRoundTripAndFlagUndocumentedPairs() throws {
        for lead in Self.allLeads {
            let object = try Decoding.jsonObject(CanonicalLeadEncoder().encode(lead))
            #expect(object["documented"] as? Bool == lead.pair.isDocumented)
            #expect(object["marker"] as? String == lead.marker)
            let customer = try #require(object["customer"] as? [String: Any])
            #expect(
                customer.count == CustomerField.allCases.filter { lead.customer[$0] != nil }.count,
                "absent fields are left out")
            #expect(sameScalars(object["description"] as? String, lead.description))
        }
    }

    @Test func csvRowsRoundTripThroughAnIndependentParser() throws {
        let text = String(
            decoding: LeadStreamWriter(format: .csv).render(LeadGenerator(options: GenerationOptions(seed: 42))),
            as: UTF8.self)
        let rows = Decoding.csv(text)
        let leads = LeadGenerator(options: GenerationOptions(seed: 42)).leads()
        #expect(rows.first == CSVLeadEncoder.columns)
        #expect(rows.count == leads.count + 1)
        let description = CSVLeadEncoder.columns.firstIndex(of: "description")!
        let lastName = CSVLeadEncoder.columns.firstIndex(of: "last_name")!
        for (row, lead) in zip(rows.dropFirst(), leads) {
            #expect(row.count == CSVLeadEncoder.columns.count)
            #expect(sameScalars(row[description], lead.description ?? ""), "CSV cannot tell absent from empty")
            #expect(sameScalars(row[lastName], lead.customer.lastName ?? ""))
        }
    }

    @Test func jsonArrayOutputParsesAsOneArray() throws {
        let bytes = LeadStreamWriter(format: .json).render(LeadGenerator(options: GenerationOptions(seed: 3)))
        let array = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]])
        #expect(array.count == 360)
        let empty = LeadStreamWriter(format: .json).render(LeadGenerator(options: GenerationOptions(seed: 3, count: 0)))
        #expect(String(decoding: empty, as: UTF8.self) == "[]\n")
    }
}
