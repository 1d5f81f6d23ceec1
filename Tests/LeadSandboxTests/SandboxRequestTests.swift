import Testing
@testable import LeadSandbox

/// The byte-level header and content-type checks the HTTPS sink runs for every request.
@Suite struct SandboxRequestTests {
    @Test func headerLookupFoldsASCIILettersOnly() {
        let request = SandboxRequest(method: "POST", path: "/", headers: [
            (name: "content-TYPE", value: "application/json"), (name: "X-{a}", value: "braces"), (name: "X-[A]", value: "brackets"),
        ])
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("CONTENT-type") == "application/json")
        #expect(request.header("Content-Typ") == nil)
        // `[` and `{` differ only in the 0x20 bit, like letter cases; they must not match.
        #expect(request.header("x-[a]") == "brackets")
        #expect(request.header("x-{A}") == "braces")
        #expect(request.header("Authorization") == nil)
    }

    @Test func jsonContentTypesAreRecognised() {
        for type in ["application/json", "Application/JSON; charset=utf-8", "text/json", "application/vnd.api+json"] {
            #expect(HTTPSSinkService.declaresJSON(type), "\(type)")
        }
        for type in [nil, "", "jso", "js on", "text/plain", "application/x-www-form-urlencoded", "j\u{0A}son"] as [String?] {
            #expect(!HTTPSSinkService.declaresJSON(type), "\(String(describing: type))")
        }
    }
}
