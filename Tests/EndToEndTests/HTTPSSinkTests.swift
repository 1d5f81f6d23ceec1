import Foundation
import LeadTransport
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The HTTPS sink over real sockets: a pipelining or half-closing client gets every answer in
/// order, bad requests get Logic Apps' error shape, and nothing refused is stored.
@Suite struct HTTPSSinkTests {
    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let sandbox = try SandboxProcess()
        let url = try #require(URL(string: sandbox.httpsURL))
        let target = "\(url.path)?\(url.query ?? "")"
        func post(_ body: String, extra: String = "") -> String {
            "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\(extra)\r\n\(body)"
        }
        let lead = #"{"Description":"LCTEST_lanes001_1"}"#
        let chunked =
            "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "\(String(lead.utf8.count, radix: 16))\r\n\(lead)\r\n0\r\n\r\n"
        let requests = [
            post(lead), // stored
            "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", // 405
            post(lead),
            chunked, // no Content-Length: stored
            post(#"{"bad":}"#), // 400, not stored
            post(lead),
            post(lead, extra: "Connection: close\r\n"), // then the connection closes
        ]
        let reply = String(
            decoding: try LoopbackSocket.exchange(port: try #require(url.port), request: Array(requests.joined().utf8)),
            as: UTF8.self)

        let statuses = reply.matches(of: /HTTP\/1\.1 (\d{3})/).map { Int($0.output.1)! }
        #expect(statuses == [202, 405, 202, 202, 400, 202, 202])
        let runIDs = reply.matches(of: /x-ms-workflow-run-id: 08585(\d+)/).map { Int($0.output.1)! }
        #expect(runIDs.count == 5)
        #expect(runIDs == runIDs.sorted() && Set(runIDs).count == runIDs.count, "run ids out of order: \(runIDs)")
        #expect(try await sandbox.count("https") == 5)
        #expect(sandbox.stop() == 0)
    }

    /// A client that half-closes after its requests still gets every answer: the sandbox must
    /// not close the connection while a stored lead's acknowledgement is owed.
    @Test func halfClosingClientGetsEveryAnswer() async throws {
        let sandbox = try SandboxProcess()
        let url = try #require(URL(string: sandbox.httpsURL))
        let target = "\(url.path)?\(url.query ?? "")"
        let lead = #"{"Description":"LCTEST_lanes003_1"}"#
        let post =
            "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(lead.utf8.count)\r\n\r\n\(lead)"
        let get = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        for requests in [[post], [post, post], [post, get, post], [get, post]] {
            let reply = String(
                decoding: try LoopbackSocket.exchange(
                    port: try #require(url.port), request: Array(requests.joined().utf8), halfClose: true),
                as: UTF8.self)
            let statuses = reply.matches(of: /HTTP\/1\.1 (\d{3})/).map { Int($0.output.1)! }
            #expect(statuses == requests.map { $0 == get ? 405 : 202 })
        }
        #expect(try await sandbox.count("https") == 6)
        #expect(sandbox.stop() == 0)
    }

    /// Garbage pipelined after a lead: the lead's 202 comes first, then Hummingbird's 400 and
    /// the close.
    @Test func aParseErrorAfterALeadWaitsForTheLeadsAnswer() async throws {
        let sandbox = try SandboxProcess()
        let url = try #require(URL(string: sandbox.httpsURL))
        let lead = #"{"Description":"LCTEST_lanes004_1"}"#
        let post =
            """
            POST \(url.path)?\(url.query ?? "") HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:\
             application/json\r\nContent-Length: \(lead.utf8.count)\r\n\r\n\(lead)
            """
        let reply = String(
            decoding: try LoopbackSocket.exchange(
                port: try #require(url.port), request: Array((post + "\u{1}\u{2} nonsense\r\n\r\n").utf8)),
            as: UTF8.self)
        let statuses = reply.matches(of: /HTTP\/1\.1 (\d{3})/).map { Int($0.output.1)! }
        #expect(statuses == [202, 400])
        #expect(try await sandbox.count("https") == 1)
        #expect(sandbox.stop() == 0)
    }

    /// With no fault set, bad JSON, a body over the size limit and a method other than POST each
    /// get the Logic Apps error shape. Nothing is stored.
    @Test func malformedRequestsGetTheErrorShapeWithoutAnyFault() async throws {
        let sandbox = try SandboxProcess()
        let client = try HTTPClient()
        let bad = try await client.send(
            HTTPRequest(
                method: "POST", url: sandbox.httpsURL,
                body: .bytes(Array(#"{"a":1,}"#.utf8), contentType: "application/json")))
        #expect(bad.status == 400)
        #expect(
            bad.text
                == #"{"error":{"code":"InvalidRequestContent","message":"The request content is not valid and could not be deserialized as JSON."}}"#
        )
        #expect(bad.headers["Content-Type"] == "application/json; charset=utf-8")
        let huge = try await client.send(
            HTTPRequest(
                method: "POST", url: sandbox.httpsURL,
                body: .bytes([UInt8](repeating: 0x20, count: (1 << 20) + 1), contentType: "application/json")))
        #expect(huge.status == 413)
        #expect(huge.text.contains("RequestContentTooLarge"))
        let get = try await client.send(HTTPRequest(method: "GET", url: sandbox.httpsURL))
        #expect(get.status == 405)
        #expect(get.text.contains("MethodNotAllowed"))
        #expect(
            (try await sandbox.inspect("/leads?destination=https") as! [Any]).isEmpty,
            "nothing stored for rejected requests")
        #expect(sandbox.stop() == 0)
    }

    /// A body far larger than one socket read arrives in many reads and is stored whole.
    @Test func aLargeLeadIsStoredWhole() async throws {
        let sandbox = try SandboxProcess()
        let client = try HTTPClient()
        let body = Array(#"{"Description":"LCTEST_lanes005_1 \#(String(repeating: "é", count: 150_000))"}"#.utf8)
        let response = try await client.send(
            HTTPRequest(method: "POST", url: sandbox.httpsURL, body: .bytes(body, contentType: "application/json")))
        #expect(response.status == 202)
        let stored = try await sandbox.inspect("/leads?destination=https") as! [[String: Any]]
        #expect(stored.count == 1)
        #expect((stored.first?["record"] as? String).map { Array($0.utf8) } == body)
        #expect(sandbox.stop() == 0)
    }
}
