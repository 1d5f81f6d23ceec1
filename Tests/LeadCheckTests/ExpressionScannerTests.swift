import Testing

@testable import LeadFlows

/// The reads found in Workflow Definition Language strings.
@Suite struct ExpressionScannerTests {
    @Test func expressionsAreWholeStringsOrInterpolations() {
        #expect(ExpressionScanner.expressions(in: "@triggerBody()") == ["triggerBody()"])
        #expect(ExpressionScanner.expressions(in: "@@literal") == [])
        #expect(
            ExpressionScanner.expressions(in: "Hi @{triggerBody()?['a']} and @{concat('}', 'x')}!") == [
                "triggerBody()?['a']", "concat('}', 'x')",
            ])
        #expect(ExpressionScanner.expressions(in: "plain text") == [])
    }

    @Test func readsKeepTheirStepsAndSafety() {
        let reads = ExpressionScanner.reads(
            in: "concat(triggerBody()?['userDetails']['firstName'], body('Parse_JSON')?.leadSource, 'triggerBody()')")
        #expect(reads.count == 2)
        #expect(
            reads[0].base == .trigger
                && reads[0].steps == [.init(key: "userDetails", safe: true), .init(key: "firstName", safe: false)])
        #expect(reads[1].base == .action("Parse_JSON") && reads[1].steps == [.init(key: "leadSource", safe: true)])
        #expect(reads[0].text == "triggerBody()?['userDetails']['firstName']")
    }

    @Test func outputsCountOnlyThroughTheirBody() {
        #expect(ExpressionScanner.reads(in: "triggerOutputs()['headers']['x']").isEmpty)
        let body = ExpressionScanner.reads(in: "outputs('Parse')?['body']?['it''s']")
        #expect(body.first?.base == .action("Parse") && body.first?.steps == [.init(key: "it's", safe: true)])
        #expect(
            ExpressionScanner.reads(in: "TRIGGERBODY()['a']").first?.steps.first?.key == "a",
            "function names are case-insensitive")
        #expect(ExpressionScanner.reads(in: "mytriggerBody()['a']").isEmpty)
    }
}
