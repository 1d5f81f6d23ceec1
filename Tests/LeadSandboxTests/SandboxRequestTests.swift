import Testing

@testable import LeadSandbox

/// The content-type check the HTTPS sink runs for every request.
@Suite struct SandboxRequestTests {
    @Test func jsonContentTypesAreRecognised() {
        for type in ["application/json", "Application/JSON; charset=utf-8", "text/json", "application/vnd.api+json"] {
            #expect(HTTPSSinkService.declaresJSON(type), "\(type)")
        }
        for type in [nil, "", "jso", "js on", "text/plain", "application/x-www-form-urlencoded", "j\u{0A}son"]
            as [String?]
        {
            #expect(!HTTPSSinkService.declaresJSON(type), "\(String(describing: type))")
        }
    }
}
