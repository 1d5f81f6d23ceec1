import Foundation
import LeadFlowFiles
import LeadFlows
import LeadModel
import Testing
import ZIPFoundation

/// `flow check`: every input form is read, and each problem is reported at its pointer.
@Suite struct FlowCheckTests {
    static let checker = FlowChecker()

    /// An action that keeps the lead's email, so that a definition built around one problem
    /// does not also keep nothing.
    static let keeper =
        #""Keep":{"type":"ApiConnection","runAfter":{},"inputs":{"host":{},"body":{"email":"@triggerBody()?['userDetails']?['email']"}}}"#

    /// A Logic Apps definition with one Request trigger and these actions (plus ``keeper``
    /// unless `keeping` is false).
    static func definition(
        trigger: String = #"{"type":"Request","kind":"Http","inputs":{}}"#, actions: String = "{}", keeping: Bool = true
    ) -> String {
        let all =
            !keeping
            ? actions : actions == "{}" ? "{\(keeper)}" : "{\(keeper)," + actions.drop { $0 != "{" }.dropFirst()
        return
            #"""
            {"$schema":"https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workf\#
            lowdefinition.json#","contentVersion":"1.0.0.0","triggers":{"manual":\#(trigger)},"actions":\#
            \#(all)}
            """#
    }

    static func issues(_ json: String, checker: FlowChecker = checker) throws -> [FlowIssue] {
        checker.check(try FlowFileReader.documents(in: Data(json.utf8), name: "flow.json"))
    }

    static func found(_ issues: [FlowIssue]) -> Set<String> { Set(issues.map { "\($0.code.rawValue) \($0.pointer)" }) }

    @Test(arguments: [
        ("docs-schema-validation.json", ["flow.schema /definition/triggers/manual/inputs/schema/required"], 4),
        (
            "tenant-only-trigger.json",
            [
                "flow.trigger /properties/definition/triggers/manual/inputs/triggerAuthenticationType",
                "flow.expression /properties/definition/actions/Add_a_new_row/inputs/parameters/item~1firstname",
                "flow.response /properties/definition/actions/Response/runAfter",
            ], 4
        ),
        ("robust.json", [], 0),
        (
            "designer-condition.json",
            ["flow.expression /definition/actions/Is_a_company_address/expression/and/0/not/contains/0"], 4
        ),
    ])
    func fixtureFlows(file: String, expected: [String], status: Int32) throws {
        let path = Fixtures.root.appendingPathComponent("flows/\(file)").path
        let report = FlowReport(file: path, documents: try FlowFileReader.read(path: path), checker: Self.checker)
        let errorsAndResponses = Set(
            report.issues.filter { $0.severity == .error || $0.code == .flowResponse }.map {
                "\($0.code.rawValue) \($0.pointer)"
            })
        #expect(errorsAndResponses == Set(expected), "\(report.text())")
        #expect(report.exitStatus(strict: false).rawValue == status)
    }

    @Test func theDocsSchemaFlowReadsPascalCaseKeys() throws {
        let path = Fixtures.root.appendingPathComponent("flows/docs-schema-validation.json").path
        let issues = Self.checker.check(try FlowFileReader.read(path: path))
        let casing = issues.filter { $0.code == .flowKeyCasing }
        #expect(casing.count == 6 && casing.allSatisfy { $0.severity == .warning }, "\(casing.map(\.message))")
        #expect(
            casing.contains {
                $0.pointer == "/definition/actions/Add_a_row_into_a_table/inputs/body/Source"
                    && $0.message.contains("'leadSource'")
            })
    }

    // MARK: input forms

    static let tenantTrigger = #"{"type":"Request","kind":"Http","inputs":{"triggerAuthenticationType":"Tenant"}}"#

    static func zip(_ entries: [(String, String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in entries {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return try #require(archive.data)
    }

    /// Entries under the per-entry limit that together extract to more than the archive may
    /// hold (a zip bomb's shape) are refused with the entry named, not read into memory whole.
    @Test func anArchiveThatExtractsTooMuchIsRefused() throws {
        let padded =
            Self.definition(trigger: Self.tenantTrigger) + String(repeating: " ", count: FlowFileReader.maxBytes - 4096)
        let data = try Self.zip((1...5).map { ("Workflows/flow\($0).json", padded) })
        #expect(data.count < 1 << 20, "deflated whitespace is small: \(data.count)")
        #expect { try FlowFileReader.documents(in: data, name: "bomb.zip") } throws: { error in
            let message = (error as? LeadCheckError)?.message ?? ""
            return message.contains("bomb.zip:Workflows/flow5.json") && message.contains("together to more than")
        }
    }

    @Test func everyFormGivesTheSameFindingAtItsOwnPointer() throws {
        let definition = Self.definition(trigger: Self.tenantTrigger)
        let resource =
            #"{"type":"Microsoft.Logic/workflows","properties":{"state":"Enabled","definition":\#(definition)}}"#
        let clientData =
            #"{"properties":{"connectionReferences":{},"definition":\#(definition)},"schemaVersion":"1.0.0.0"}"#
        let escaped = String(decoding: try JSONEncoder().encode(clientData), as: UTF8.self)
        let forms: [(Data, FlowForm, String)] = [
            (Data(definition.utf8), .bareDefinition, ""),
            (Data(#"{"definition":\#(definition),"parameters":{}}"#.utf8), .logicApps, "/definition"),
            (Data(resource.utf8), .armResource, "/properties/definition"),
            (
                Data(#"{"$schema":"x","resources":[{"type":"Microsoft.Web/connections"},\#(resource)]}"#.utf8),
                .armResource, "/resources/1/properties/definition"
            ),
            (Data(clientData.utf8), .clientData, "/properties/definition"),
            (
                Data(#"{"workflowid":"6d1b3c1e","category":5,"clientdata":\#(escaped)}"#.utf8), .clientData,
                "/properties/definition"
            ),
            (
                try Self.zip([("manifest.json", "{}"), ("Microsoft.Flow/flows/6d1b3c1e/definition.json", resource)]),
                .exportPackage, "/properties/definition"
            ),
            (
                try Self.zip([("customizations.xml", "<x/>"), ("Workflows/Leads-6D1B3C1E.json", resource)]), .solution,
                "/properties/definition"
            ),
        ]
        for (data, form, prefix) in forms {
            let documents = try FlowFileReader.documents(in: data, name: "flow")
            #expect(documents.map(\.form) == [form])
            let issues = Self.checker.check(documents)
            #expect(
                Self.found(issues) == ["flow.trigger \(prefix)/triggers/manual/inputs/triggerAuthenticationType"],
                "\(form)")
        }
        let solution = try FlowFileReader.documents(
            in: try Self.zip([("Workflows/A-1.json", resource), ("Workflows/B-2.json", resource)]), name: "s.zip")
        #expect(
            solution.map(\.origin) == ["s.zip:Workflows/A-1.json", "s.zip:Workflows/B-2.json"],
            "a solution's every flow is checked")
    }

    @Test(arguments: [
        (#"{"triggers":"none"}"#, "no workflow definition"),
        ("not json at all", "neither JSON nor a .zip"),
        ("[1,2,3]", "no workflow definition"),
    ])
    func aNonDefinitionIsAnInputError(text: String, says: String) {
        #expect(throws: LeadCheckError.self) { try FlowFileReader.documents(in: Data(text.utf8), name: "x.json") }
        do { _ = try FlowFileReader.documents(in: Data(text.utf8), name: "x.json") } catch {
            #expect(
                error.code == "input.invalid" && error.exitStatus == .input && error.message.contains(says),
                "\(error.message)")
        }
    }

    @Test func anArchiveWithoutAFlowIsAnInputError() throws {
        let data = try Self.zip([("readme.txt", "hello")])
        do {
            _ = try FlowFileReader.documents(in: data, name: "x.zip")
            Issue.record("read")
        } catch {
            #expect(error.message.contains("Workflows/*.json"), "\(error.message)")
        }
        var truncated = try Self.zip([("Workflows/A.json", Self.definition())])
        truncated = truncated.prefix(truncated.count / 2)
        #expect(throws: LeadCheckError.self) { try FlowFileReader.documents(in: truncated, name: "cut.zip") }
    }

    // MARK: what is found

    @Test func aTriggerThatRefusesPOSTOrIsMissing() throws {
        #expect(
            Self.found(
                try Self.issues(
                    Self.definition(trigger: #"{"type":"Request","kind":"Http","inputs":{"method":"GET"}}"#)))
                == ["flow.trigger /triggers/manual/inputs/method"])
        let recurrence =
            #"{"triggers":{"daily":{"type":"Recurrence","recurrence":{"frequency":"Day","interval":1}}},"actions":{}}"#
        #expect(Self.found(try Self.issues(recurrence)) == ["flow.trigger /triggers"])
        #expect(
            try Self.issues(
                Self.definition(
                    trigger: #"{"type":"Request","kind":"Http","inputs":{"triggerAuthenticationType":"All"}}"#)
            ).isEmpty)
    }

    @Test func schemaValidationWithAStringTypeRefusesNullFields() throws {
        let schema =
            #"{"type":"object","properties":{"userDetails":{"type":"object","properties":{"phone":{"type":"string"}}}}}"#
        let trigger =
            #"{"type":"Request","kind":"Http","inputs":{"schema":\#(schema)},"operationOptions":"EnableSchemaValidation"}"#
        let issues = try Self.issues(Self.definition(trigger: trigger))
        #expect(
            Self.found(issues) == [
                "flow.schema /triggers/manual/inputs/schema/properties/userDetails/properties/phone/type"
            ])
        #expect(issues.first?.message.contains("Expected String but got Null") == true)
        #expect(issues.first?.example?.contains("absent fields null") == true)
        // The same schema without Schema Validation only makes tokens.
        let lenient = #"{"type":"Request","kind":"Http","inputs":{"schema":\#(schema)}}"#
        #expect(try Self.issues(Self.definition(trigger: lenient)).isEmpty)
    }

    @Test func parseJSONWithRequiredCustomerFieldsFails() throws {
        let actions =
            #"""
            {"Parse_JSON":{"type":"ParseJson","runAfter":{},"inputs":{"content":"@triggerBody()?['userDetails'\#
            ]","schema":{"type":"object","required":["email","phone"]}}}}
            """#
        let issues = try Self.issues(Self.definition(actions: actions))
        #expect(Self.found(issues) == ["flow.parse-json /actions/Parse_JSON/inputs/schema/required"])
        #expect(issues.first?.message.contains("ValidationFailed") == true)
    }

    @Test func readsWithoutQuestionMarksFailWhereFieldsMayBeAbsent() throws {
        let unsafe =
            #"{"Compose":{"type":"Compose","runAfter":{},"inputs":"@{toUpper(triggerBody()['userDetails']['phone'])} for @{triggerBody()?['offerTitle']}"}}"#
        let issues = try Self.issues(Self.definition(actions: unsafe))
        #expect(Self.found(issues) == ["flow.expression /actions/Compose/inputs"])
        #expect(issues.first?.message.contains("property 'phone' doesn't exist") == true)
        let safe =
            #"{"Compose":{"type":"Compose","runAfter":{},"inputs":"@{toUpper(coalesce(triggerBody()?['userDetails']?['phone'], ''))}"}}"#
        #expect(try Self.issues(Self.definition(actions: safe)).isEmpty)
        // Required keys Microsoft always sends may be read without `?`.
        let always = #"{"Compose":{"type":"Compose","runAfter":{},"inputs":"@triggerBody()['actionCode']"}}"#
        #expect(try Self.issues(Self.definition(actions: always)).isEmpty)
    }

    @Test func readsThroughAParseJSONActionFollowItsContent() throws {
        let actions = #"""
            {"Parse":{"type":"ParseJson","runAfter":{},"inputs":{"content":"@triggerOutputs()?['body']","schema":{}}},
             "Use":{"type":"Compose","runAfter":{"Parse":["Succeeded"]},"inputs":"@body('Parse')['userDetails']['title']"},
             "Headers":{"type":"Compose","runAfter":{},"inputs":"@triggerOutputs()['headers']['Content-Type']"}}
            """#
        #expect(
            Self.found(try Self.issues(Self.definition(actions: actions))) == ["flow.expression /actions/Use/inputs"])
    }

    @Test func keyCasingIsAWarningUnlessReadsAreCaseSensitive() throws {
        let actions = #"{"Compose":{"type":"Compose","runAfter":{},"inputs":"@triggerBody()?['LeadSource']"}}"#
        let lenient = try Self.issues(Self.definition(actions: actions))
        #expect(lenient.map(\.code) == [.flowKeyCasing] && lenient.first?.severity == .warning)
        let strict = try Self.issues(
            Self.definition(actions: actions), checker: FlowChecker(caseInsensitiveReads: false))
        #expect(strict.map(\.code) == [.flowKeyCasing] && strict.first?.severity == .error)
        let unsent = #"{"Compose":{"type":"Compose","runAfter":{},"inputs":"@triggerBody()?['customerInfo']?['zip']"}}"#
        let never = try Self.issues(Self.definition(actions: unsent))
        #expect(never.map(\.code) == [.flowKeyUnsent] && never.first?.message.contains("'customerInfo'") == true)
    }

    @Test func responseActionsThatAnswerBadlyOrLate() throws {
        let actions = #"""
            {"Fail":{"type":"Response","kind":"Http","runAfter":{},"inputs":{"statusCode":500}},
             "Check":{"type":"If","expression":{"and":[{"equals":["@triggerBody()?['actionCode']","INS"]}]},"runAfter":{},
                      "actions":{"Answer":{"type":"Response","kind":"Http","runAfter":{},"inputs":{"statusCode":"@variables('code')"}}},
                      "else":{"actions":{}}}}
            """#
        let issues = try Self.issues(Self.definition(actions: actions))
        // Fail answers on every path, so Answer's branch being skipped cannot give a 502.
        #expect(
            Self.found(issues) == [
                "flow.response /actions/Fail/inputs/statusCode",
                "flow.response /actions/Check/actions/Answer/inputs/statusCode",
            ])
        #expect(issues.filter { $0.severity == .error }.map(\.pointer) == ["/actions/Fail/inputs/statusCode"])
    }

    /// The designer's condition form hands its first operand to the operator: a lead field that
    /// may be null given straight to `contains` fails the If for such leads, as the run does.
    @Test func aDesignerConditionOverANullableFieldFails() throws {
        let bare =
            #"""
            {"Check":{"type":"If","expression":{"and":[{"contains":["@triggerBody()?['userDetails']?['email']"\#
            ,"contoso.com"]}]},"runAfter":{},"actions":{},"else":{"actions":{}}}}
            """#
        let issues = try Self.issues(Self.definition(actions: bare))
        #expect(Self.found(issues) == ["flow.expression /actions/Check/expression/and/0/contains/0"], "\(issues)")
        #expect(
            issues.first?.message.contains("'contains'") == true
                || issues.first?.example?.contains("'contains'") == true, "\(issues)")
        let guarded = bare.replacingOccurrences(
            of: #""@triggerBody()?['userDetails']?['email']""#,
            with: #""@coalesce(triggerBody()?['userDetails']?['email'], '')""#)
        #expect(try Self.issues(Self.definition(actions: guarded)).isEmpty)
        // The same object outside a condition is data, not an operator.
        let data =
            #"{"Compose":{"type":"Compose","runAfter":{},"inputs":{"contains":["@triggerBody()?['userDetails']?['email']"]}}}"#
        #expect(
            !Self.found(try Self.issues(Self.definition(actions: data))).contains { $0.hasPrefix("flow.expression") })
    }

    /// A literal that is no HTTP status (too big for an Int, fractional, out of range) is an error
    /// naming it, not a trap, and every lead's run fails at it.
    @Test(arguments: ["1e300", "200.5", "\"99\"", "700"])
    func aStatusCodeThatIsNoHTTPStatus(_ literal: String) throws {
        let actions =
            #"{"Answer":{"type":"Response","kind":"Http","runAfter":{},"inputs":{"statusCode":"# + literal + "}}}"
        let issues = try Self.issues(Self.definition(actions: actions))
        #expect(
            issues.filter { $0.severity == .error }.map(\.pointer) == ["/actions/Answer/inputs/statusCode"], "\(issues)"
        )
        #expect(issues.first?.message.contains("not an HTTP status") == true, "\(issues)")
    }

    @Test func theValidateLeadIsCheckedInBothShapesAndTheFailingOneNamed() throws {
        let labels = Self.checker.payloads.filter(\.isValidateLead).map(\.label)
        #expect(
            labels.count == 2 && labels.contains { $0.hasSuffix("(the FAQ's sample shape)") }
                && labels.contains { $0.contains("fully camelCase") }, "\(labels)")
        // A required PascalCase member only the FAQ's sample has: the camelCase capture fails.
        let actions =
            #"""
            {"Parse":{"type":"ParseJson","runAfter":{},"inputs":{"content":"@triggerBody()?['userDetails']","s\#
            chema":{"type":"object","required":["Email"]}}}}
            """#
        let issue = try #require(try Self.issues(Self.definition(actions: actions)).first { $0.code == .flowParseJSON })
        #expect(
            issue.example?.contains("Validate lead fails too") == true
                && issue.example?.contains("fully camelCase") == true, "\(issue.example ?? "")")
        #expect(issue.example?.contains("FAQ's sample shape") == false)
    }

    @Test func aResponseInEveryBranchIsNoFalse502() throws {
        let branch = #""actions":{"Yes":{"type":"Response","kind":"Http","runAfter":{},"inputs":{"statusCode":200}}}"#
        let both =
            #"""
            {"Check":{"type":"If","expression":"@equals(triggerBody()?['actionCode'],\#
             'INS')","runAfter":{},\#(branch),"else":{"actions":{"No":{"type":"Response","kind":"Http","runAft\#
            er":{},"inputs":{"statusCode":202}}}}}}
            """#
        #expect(try Self.issues(Self.definition(actions: both)).isEmpty)
        let one =
            #"{"Check":{"type":"If","expression":"@equals(triggerBody()?['actionCode'], 'INS')","runAfter":{},\#(branch),"else":{"actions":{}}}}"#
        let issues = try Self.issues(Self.definition(actions: one))
        #expect(Self.found(issues) == ["flow.response /actions/Check/actions/Yes"])
        #expect(issues.first?.message.contains("502") == true)
    }

    @Test func payloadsCoverEveryShapeMicrosoftSends() {
        let payloads = FlowPayload.microsoft()
        #expect(payloads.contains { $0.isValidateLead })
        #expect(
            payloads.contains { $0.label.contains("absent fields null") }
                && payloads.contains { $0.label.contains("absent fields left out") })
        #expect(
            payloads.allSatisfy { $0.isValidateLead || $0.body["userDetails"] != nil && $0.body["leadSource"] != nil },
            "camelCase by default")
        #expect(
            FlowPayload.microsoft(keyCase: .pascal).allSatisfy { $0.isValidateLead || $0.body["UserDetails"] != nil })
    }
}
