import Foundation
import HTTPTypes
import Testing
import ZIPFoundation

@testable import LeadSandbox

/// The sandbox's own flow engine: expressions, schema checks, runAfter, Response, what a run
/// stores (issue 19, part 3; docs/reference/flows.md §1–§3).
@Suite struct FlowEngineTests {
    static let lead = SandboxJSON.parse(
        Array(
            #"""
            {"userDetails":{"firstName":"Ada","email":"LCTEST_ab12cd34_1@example.com","phone":null},"leadSourc\#
            e":"AzureMarketplace","description":"LCTEST_ab12cd34_1 hi"}
            """#
            .utf8))!

    static func flow(_ actions: String, trigger: String = #"{"type":"Request","kind":"Http","inputs":{}}"#) throws
        -> SandboxFlow
    {
        try SandboxFlow.load(Array(#"{"definition":{"triggers":{"manual":\#(trigger)},"actions":\#(actions)}}"#.utf8))
    }

    static func run(_ flow: SandboxFlow, options: FlowOptions = FlowOptions(), body: SandboxJSON = lead)
        -> FlowEngine.Outcome
    {
        FlowEngine.run(flow, options: options, body: body, headers: [:], runID: "run", clientTrackingID: "track")
    }

    @Test func expressionsParseMembersCallsAndQuotes() throws {
        #expect(
            try FlowExpressionParser.parse("triggerBody()?['userDetails'].email")
                == .member(
                    base: .member(
                        base: .call(name: "triggerBody", arguments: []), key: .literal(.string("userDetails")),
                        optional: true), key: .literal(.string("email")), optional: false))
        #expect(
            try FlowExpressionParser.parse("concat('it''s', 1)")
                == .call(name: "concat", arguments: [.literal(.string("it's")), .literal(.number(1))]))
        for bad in ["triggerBody(", "triggerBody()['a'", "'open", "foo"] {
            #expect(throws: FlowTemplateError.self) { try FlowExpressionParser.parse(bad) }
        }
        #expect(try FlowTemplate.parse("@@literal") == .text("@literal"))
    }

    @Test func readsAreCaseInsensitiveUnlessSwitchedOffAndMissingPropertiesFailWithoutQuestionMark() throws {
        var evaluator = FlowEvaluator(
            triggerBody: Self.lead, triggerHeaders: [:], parameters: [:], caseInsensitiveReads: true)
        #expect(try evaluator.evaluate(template: "@triggerBody()?['UserDetails']?['FirstName']").json == .string("Ada"))
        #expect(
            try evaluator.evaluate(template: "Hi @{triggerBody()?['userDetails']?['company']}!").json == .string("Hi !")
        )
        evaluator.caseInsensitiveReads = false
        #expect(try evaluator.evaluate(template: "@triggerBody()?['UserDetails']?['FirstName']").json == .null)
        do {
            _ = try evaluator.evaluate(template: "@triggerBody()['userDetails']['company']")
            Issue.record("a missing property read without ? must fail")
        } catch {
            #expect(
                error.message.contains(
                    "property 'company' doesn't exist, available properties are 'email, firstName, phone'"))
        }
        do {
            _ = try evaluator.evaluate(template: "@triggerBody()['userDetails']['phone']['x']")
            Issue.record("a read on null must fail")
        } catch {
            #expect(error.message.contains("The provided value is of type 'Null'."))
        }
    }

    @Test func functionsFollowTheFunctionsReference() throws {
        var evaluator = FlowEvaluator(
            triggerBody: Self.lead, triggerHeaders: [:], parameters: [:], caseInsensitiveReads: true)
        func value(_ template: String) throws -> SandboxJSON { try evaluator.evaluate(template: template).json }
        #expect(try value("@equals(triggerBody()?['userDetails']?['phone'], '')") == .bool(true))
        #expect(try value("@equals('Ada', 'ada')") == .bool(false))
        #expect(try value("@startsWith('Hello', 'hel')") == .bool(true))
        #expect(try value("@contains('Hello', 'hel')") == .bool(false))
        #expect(try value("@substring('hello world', 6, 5)") == .string("world"))
        #expect(throws: FlowTemplateError.self) { try value("@substring('hello', 3, 5)") }
        #expect(throws: FlowTemplateError.self) { try value("@substring('hello', 1e300)") }
        let outcome = Self.run(
            try Self.flow(#"{"Answer":{"type":"Response","runAfter":{},"inputs":{"statusCode":5000}}}"#))
        #expect(outcome.run.actions.map { "\($0.status) \($0.code)" } == ["Failed InvalidTemplate"])
        #expect(outcome.response == nil)
    }

    @Test func requiredIsCaseSensitiveByDefaultAndTypesRefuseNull() {
        let schema = SandboxJSON.parse(
            Array(
                #"{"type":"object","properties":{"userDetails":{"type":"object","properties":{"phone":{"type":"string"}}}},"required":["UserDetails"]}"#
                    .utf8))!
        let strict = FlowSchemaValidator(requiredCaseSensitive: true).violations(of: Self.lead, against: schema)
        #expect(
            strict.map(\.message) == [
                "Required properties are missing from object: UserDetails.",
                "Invalid type. Expected String but got Null.",
            ])
        #expect(strict.map(\.errorType) == ["required", "type"])
        #expect(
            FlowSchemaValidator(requiredCaseSensitive: false).violations(of: Self.lead, against: schema).map(
                \.errorType) == ["type"])
    }

    @Test func aParseJSONThatRefusesTheLeadFailsTheRunAndSkipsWhatFollows() throws {
        let flow = try Self.flow(
            #"""
            {"Parse":{"type":"ParseJson","runAfter":{},"inputs":{"content":"@triggerBody()","schema":{"type":"object","required":["UserDetails"]}}},
             "Store":{"type":"ApiConnection","runAfter":{"Parse":["Succeeded"]},"inputs":{"body":{"e":"@{body('Parse')?['userDetails']?['email']}"}}}}
            """#)
        let outcome = Self.run(flow)
        #expect(outcome.run.status == "Failed")
        #expect(outcome.run.errorCode == "ActionFailed")
        #expect(
            outcome.run.actions.map { "\($0.name) \($0.status) \($0.code)" } == [
                "Parse Failed ValidationFailed", "Store Skipped ActionSkipped",
            ])
        #expect(
            outcome.run.actions[0].outputs?["errors"]?.array?.first?["message"]
                == .string("Required properties are missing from object: UserDetails."))
        #expect(outcome.stored == nil)
        #expect(Self.run(flow, options: FlowOptions(requiredCaseSensitive: false)).run.status == "Succeeded")
    }

    @Test func aFailureHandledByARunAfterFailedActionLeavesTheRunSucceeded() throws {
        let flow = try Self.flow(
            #"""
            {"Read":{"type":"Compose","runAfter":{},"inputs":"@triggerBody()['userDetails']['company']"},
             "Handle":{"type":"Compose","runAfter":{"Read":["Failed"]},"inputs":"@triggerBody()?['description']"}}
            """#)
        let outcome = Self.run(flow)
        #expect(outcome.run.actions.map(\.status) == ["Failed", "Succeeded"])
        #expect(outcome.run.actions[0].code == "InvalidTemplate")
        #expect(
            outcome.run.actions[0].errorMessage?.hasPrefix(
                """
                Unable to process template language expressions in action 'Read' inputs at line '0' and\
                 column '0': 'The template language expression 'triggerBody()['userDetails']['company']'\
                 cannot be evaluated because property 'company' doesn't exist
                """
            ) == true)
        #expect(outcome.run.status == "Succeeded")
        #expect(outcome.stored == .object(["description": .string("LCTEST_ab12cd34_1 hi")]))
    }

    @Test func whatARunStoresIsTheDeepestReadOfEachPath() throws {
        let flow = try Self.flow(
            #"""
            {"Parse":{"type":"ParseJson","runAfter":{},"inputs":{"content":"@triggerBody()","schema":{}}},
             "If":{"type":"If","runAfter":{"Parse":["Succeeded"]},"expression":{"and":[{"equals":["@body('Parse')?['leadSource']","AzureMarketplace"]}]},
                   "actions":{"Store":{"type":"ApiConnection","runAfter":{},"inputs":{"host":{"x":"@parameters('$connections')['a']['b']"},
                     "body":{"E":"@{body('Parse')?['UserDetails']?['Email']}","P":"@{coalesce(body('Parse')?['userDetails']?['phone'], '')}"}}}},
                   "else":{"actions":{}}}}
            """#)
        let outcome = Self.run(flow)
        #expect(outcome.run.status == "Succeeded", "\(outcome.run.actions)")
        // The condition's read of leadSource decides a branch; it keeps nothing.
        #expect(
            outcome.stored
                == .object([
                    "UserDetails": .object(["Email": .string("LCTEST_ab12cd34_1@example.com")]),
                    "userDetails": .object(["phone": .null]),
                ]))
    }

    @Test func theTriggerAnswersAsTheFlowWould() async throws {
        let store = try SandboxStore(path: nil)
        let book = FlowRunBook()
        let sink = HTTPSSinkService(store: store, faults: FaultSet(), flows: book)
        let body = Array(Self.lead.text.utf8)
        func post(_ headers: HTTPFields = [:]) async -> SandboxResponse {
            await sink.routed(
                SandboxRequest(
                    method: "POST", path: "/workflows/sandbox/triggers/manual/paths/invoke",
                    headers: [.contentType: "application/json"] + headers, body: body))
        }
        book.load(try Self.flow("{}", trigger: #"{"type":"Request","inputs":{"triggerAuthenticationType":"Tenant"}}"#))
        #expect(String(decoding: (await post()).body, as: UTF8.self).contains("DirectApiAuthorizationRequired"))
        book.load(
            try Self.flow(
                "{}",
                trigger:
                    #"{"type":"Request","inputs":{"schema":{"required":["LeadSource"]}},"operationOptions":"EnableSchemaValidation"}"#
            ))
        let refused = await post()
        #expect(refused.status == 400)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("TriggerInputSchemaMismatch"))
        book.load(
            try Self.flow(
                #"""
                {"Answer":{"type":"Response","runAfter":{"Never":["Failed"]},"inputs":{"statusCode":200}},"Nev\#
                er":{"type":"Compose","runAfter":{},"inputs":"x"}}
                """#
            ))
        let skipped = await post([.msClientTrackingID: "LCTEST_ab12cd34_1"])
        #expect(skipped.status == 502)
        #expect(skipped.headers[.msClientTrackingID] == "LCTEST_ab12cd34_1")
        #expect(book.all.first?.clientTrackingID == "LCTEST_ab12cd34_1")
        book.load(
            try Self.flow(#"{"Keep":{"type":"Compose","runAfter":{},"inputs":"@triggerBody()?['description']"}}"#))
        let accepted = await post()
        #expect(accepted.status == 202)
        #expect(accepted.headers[.msWorkflowRunID] == book.all.first?.id)
        #expect(try await store.inspect(destination: "https", markerPrefix: "LCTEST_ab12cd34_1").count == 1)
    }

    @Test func theSandboxLoadsEveryExportedForm() throws {
        let definition =
            #"{"triggers":{"manual":{"type":"Request","kind":"Http","inputs":{"triggerAuthenticationType":"Tenant"}}},"actions":{}}"#
        let forms = [
            #"{"definition":\#(definition)}"#, #"{"name":"lead-flow","properties":{"definition":\#(definition)}}"#,
            #"{"resources":[{"type":"Microsoft.Logic/workflows","name":"[parameters('name')]","properties":{"definition":\#(definition)}}]}"#,
            #"{"clientdata":"{\"properties\":{\"definition\":\#(definition.replacingOccurrences(of: "\"", with: "\\\""))}}"}"#,
        ]
        for form in forms {
            #expect(try SandboxFlow.load(Array(form.utf8)).trigger.authentication == "Tenant", "\(form)")
        }
        #expect(try SandboxFlow.load(Array(forms[1].utf8)).name == "lead-flow")
        #expect(try SandboxFlow.load(Array(forms[2].utf8)).name == "sandbox")
        let archive = try Archive(data: Data(), accessMode: .create)
        let entry = Data(#"{"properties":{"definition":\#(definition)}}"#.utf8)
        try archive.addEntry(with: "Workflows/Leads-6D1B3C1E.json", type: .file, uncompressedSize: Int64(entry.count)) {
            position, size in
            entry.subdata(in: Int(position)..<(Int(position) + size))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("solution-\(UUID().uuidString).zip")
            .path
        try #require(archive.data).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SandboxFlow.load(path: path).trigger.authentication == "Tenant")
        #expect(throws: FlowLoadError.self) { try SandboxFlow.load(Array(#"{"hello":"world"}"#.utf8)) }
        #expect(throws: FlowLoadError.self) {
            try SandboxFlow.load(Array(#"{"definition":{"triggers":{"daily":{"type":"Recurrence"}}}}"#.utf8))
        }
    }
}
