import LeadWire
import Testing

@testable import LeadModel

@Suite struct VariantTests {
    static func leads(
        _ variant: LeadVariant, seed: UInt64 = 42, locales: [LeadLocale] = LeadLocale.allCases,
        matrix: LeadMatrix = .full
    ) -> [Lead] {
        LeadGenerator(options: GenerationOptions(seed: seed, matrix: matrix, variants: [variant], locales: locales))
            .leads()
    }

    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF66...0xFF9F, 0x20000...0x2FFFF, 0xF900...0xFAFF:
            true
        default: false
        }
    }

    @Test func unicodeVariantHasJapaneseScriptNamesForJaJP() {
        let japanese = Self.leads(.unicode).filter { $0.locale == .jaJP }
        #expect(!japanese.isEmpty)
        for lead in japanese {
            let first = try! #require(lead.customer.firstName)
            let last = try! #require(lead.customer.lastName)
            #expect(first.unicodeScalars.allSatisfy(Self.isJapanese), "\(first)")
            #expect(last.unicodeScalars.allSatisfy(Self.isJapanese), "\(last)")
        }
        // Across seeds the pool's hardest characters show up: 𠮷 is outside the BMP.
        let names = (0..<20).flatMap { Self.leads(.unicode, seed: UInt64($0), locales: [.jaJP]) }.map {
            ($0.customer.firstName ?? "") + ($0.customer.lastName ?? "")
        }
        #expect(names.contains { $0.unicodeScalars.contains { $0.value > 0xFFFF } })
    }

    @Test func unicodeVariantCarriesRTLEmojiAndCombiningMarks() {
        for lead in Self.leads(.unicode) {
            let scalars = (lead.description ?? "").unicodeScalars
            #expect(scalars.contains { (0x0600...0x06FF).contains($0.value) }, "Arabic")
            #expect(scalars.contains { (0x0590...0x05FF).contains($0.value) }, "Hebrew")
            #expect(scalars.contains { $0.value == 0x0301 }, "combining acute")
            #expect(scalars.contains { $0.properties.isEmojiPresentation })
            #expect(lead.customer.company!.unicodeScalars.contains { $0.properties.isEmojiPresentation })
        }
    }

    @Test func hostileVariantHasEveryEscapingHazard() {
        for lead in Self.leads(.hostile) {
            let c = lead.customer
            let all = [c.firstName, c.lastName, c.email, c.phone, c.country, c.company, c.title, lead.description]
                .compactMap { $0 }.joined(separator: "\u{1F}")
            #expect(all.contains("'"))
            #expect(all.contains("&"))
            #expect(all.contains("<"))
            #expect(all.contains("\n"))
            #expect(c.title!.hasPrefix("="), "CSV formula injection needs a leading '='")
            #expect(c.lastName!.contains("'"), "O'Brien")
            #expect(c.email!.contains("'") && c.email!.contains("+"))
        }
    }

    @Test func partialVariantHasAbsentNotEmptyFields() {
        let leads = Self.leads(.partial)
        for lead in leads {
            let values = CustomerField.allCases.map { lead.customer[$0] }
            #expect(values.contains { $0 == nil }, "every partial lead misses something")
            #expect(values.contains { $0 != nil }, "and keeps something")
            #expect(!values.contains { $0 == "" }, "absent is nil, never empty")
        }
        for field in CustomerField.allCases {
            #expect(leads.contains { $0.customer[field] == nil }, "\(field) is absent somewhere")
        }
    }

    @Test func limitsVariantHitsEachLimitAndOneOver() throws {
        let leads = Self.leads(.limits)
        #expect(Set(leads.compactMap(\.limitEdge)) == [.at, .over])
        for lead in leads {
            let extra = lead.limitEdge == .over ? 1 : 0
            for field in CustomerField.allCases {
                let limit = try #require(FieldLimits.strictest(LeadField(rawValue: field.rawValue)!)).limit
                let value = try #require(lead.customer[field])
                #expect(value.utf16.count == limit + extra, "\(field) \(lead.locale) \(lead.limitEdge!)")
                #expect(value.unicodeScalars.count == value.utf16.count, "BMP only, so every length unit agrees")
                #expect(value.unicodeScalars.first?.properties.isWhitespace == false)
                #expect(value.unicodeScalars.last?.properties.isWhitespace == false)
            }
            let descriptionLimit = try #require(FieldLimits.strictest(.description)).limit
            #expect(lead.description?.utf16.count == descriptionLimit + extra)
        }
    }

    /// Leads asked for past the planned count have longer markers than the cache was built
    /// for; their email and description must still land exactly on the limits.
    @Test func limitsLeadsPastThePlannedCountStillHitTheLimits() throws {
        let generator = LeadGenerator(options: GenerationOptions(seed: 42, variants: [.limits], locales: [.jaJP]))
        let emailLimit = try #require(FieldLimits.strictest(.email)).limit
        let descriptionLimit = try #require(FieldLimits.strictest(.description)).limit
        for index in [generator.count * 1000 + 1, generator.count * 1_000_000 + 2] {
            let lead = generator.lead(at: index)
            let extra = lead.limitEdge == .over ? 1 : 0
            #expect(lead.marker.utf8.count > generator.lead(at: generator.count - 1).marker.utf8.count)
            #expect(lead.customer.email?.utf16.count == emailLimit + extra)
            #expect(lead.description?.utf16.count == descriptionLimit + extra)
            #expect(lead.description?.hasPrefix(lead.marker + " ") == true)
        }
    }

    @Test func strictestLimitsComeFromTheReferenceTable() {
        #expect(FieldLimits.strictest(.firstName)! == (40, .salesforce))
        #expect(FieldLimits.strictest(.lastName)! == (50, .dynamics))
        #expect(FieldLimits.strictest(.email)! == (80, .salesforce))
        #expect(FieldLimits.strictest(.phone)! == (40, .salesforce))
        #expect(FieldLimits.strictest(.company)!.limit == 100)
        #expect(FieldLimits.strictest(.title)! == (100, .dynamics))
        #expect(FieldLimits.strictest(.description)! == (2000, .dynamics))
    }

    @Test func msftTestVariantHasTheValidateLeadShape() {
        for lead in Self.leads(.msftTest) {
            let token = lead.marker
            let c = lead.customer
            #expect(c.firstName == token && c.lastName == token && c.company == token && c.title == token)
            #expect(c.email == "\(token)@test.com")
            #expect(c.phone == "1234567890")
            #expect(c.country == "US")
            #expect(lead.description == token)
        }
    }

    @Test func descriptionsVariantCarriesEveryRealShapeAndKeepsTheMarkerInTheEmail() throws {
        let leads = Self.leads(.descriptions)
        let limit = try #require(FieldLimits.strictest(.description)).limit
        #expect(Set(leads.compactMap(\.descriptionShape)) == Set(DescriptionShape.allCases))
        for lead in leads {
            #expect(lead.customer.email?.hasPrefix(lead.marker.lowercased() + "@") == true)
            switch lead.descriptionShape {
            case .absent?: #expect(lead.description == nil)
            case .empty?: #expect(lead.description == "")
            case .blank?: #expect(lead.description == " ")
            case .campaigns?: #expect(lead.description == "Campaigns: ")
            case .contactMe?:
                let note = try #require(lead.description)
                #expect(note.hasPrefix("Contact me\r\n") && note.utf16.count <= limit && note.utf16.count > limit - 200)
            case nil: Issue.record("a descriptions lead without a shape")
            }
        }
        // Absent is absent on the wire, not empty.
        let absent = try #require(leads.first { $0.descriptionShape == .absent })
        #expect(!HTTPSLeadEncoder().encodedString(absent).contains("description"))
    }

    @Test func testDriveIsDeprecatedEverywhereItIsGenerated() {
        #expect(MatrixPair(.testDrive, .startTestDrive).isDeprecated)
        #expect(!MatrixPair(.azureMarketplace, .install).isDeprecated)
        let lead = Self.leads(.typical).first { $0.pair.source == .testDrive }!
        #expect(CanonicalLeadEncoder().encodedString(lead).contains(#""deprecated":true"#))
    }

    @Test func typicalLeadsUseTheirLocale() {
        for lead in Self.leads(.typical) {
            #expect(lead.customer.country == lead.locale.table.country)
            #expect(lead.locale.table.givenNames.contains(lead.customer.firstName!))
            #expect(lead.locale.table.familyNames.contains(lead.customer.lastName!))
            #expect(lead.customer.phone!.allSatisfy { $0 != "#" })
        }
        #expect(LeadLocale.jaJP.table.nameOrder == .familyFirst)
        #expect(LeadLocale.enUS.table.nameOrder == .givenFirst)
    }
}
