import Foundation
import GRDB
import LeadCheck
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The sink answers plain lead POSTs on the event loop and every other request through
/// Hummingbird: the two lanes must keep a pipelining client's responses in order and store
/// exactly the same thing.
@Suite struct HTTPSSinkLaneTests {
    @Test func pipelinedRequestsAreAnsweredInOrderAcrossBothLanes() async throws {
        let sandbox = try SandboxProcess()
        let url = try #require(URL(string: sandbox.httpsURL))
        let target = "\(url.path)?\(url.query ?? "")"
        func post(_ body: String, extra: String = "") -> String {
            "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\(extra)\r\n\(body)"
        }
        let lead = #"{"Description":"LCTEST_lanes001_1"}"#
        let chunked = "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "\(String(lead.utf8.count, radix: 16))\r\n\(lead)\r\n0\r\n\r\n"
        let requests = [
            post(lead),                                      // event loop: stored
            "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  // Hummingbird: 405
            post(lead),                                      // event loop
            chunked,                                         // Hummingbird (no Content-Length): stored
            post(#"{"bad":}"#),                              // event loop: 400, not stored
            post(lead),                                      // event loop
            post(lead, extra: "Connection: close\r\n"),      // Hummingbird, then the connection closes
        ]
        let reply = String(decoding: try LoopbackSocket.exchange(port: try #require(url.port), request: Array(requests.joined().utf8)), as: UTF8.self)

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
        let post = "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(lead.utf8.count)\r\n\r\n\(lead)"
        let get = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        for requests in [[post], [post, post], [post, get, post], [get, post]] {
            let reply = String(decoding: try LoopbackSocket.exchange(port: try #require(url.port), request: Array(requests.joined().utf8), halfClose: true), as: UTF8.self)
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
        let post = "POST \(url.path)?\(url.query ?? "") HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(lead.utf8.count)\r\n\r\n\(lead)"
        let reply = String(decoding: try LoopbackSocket.exchange(port: try #require(url.port), request: Array((post + "\u{1}\u{2} nonsense\r\n\r\n").utf8)), as: UTF8.self)
        let statuses = reply.matches(of: /HTTP\/1\.1 (\d{3})/).map { Int($0.output.1)! }
        #expect(statuses == [202, 400])
        #expect(try await sandbox.count("https") == 1)
        #expect(sandbox.stop() == 0)
    }

    /// With no fault set, bad requests reach the lane's boundary and each path answers with the
    /// Logic Apps error shape: bad JSON (the lane), over the size limit and not a POST
    /// (Hummingbird). Nothing is stored.
    @Test func malformedRequestsGetTheErrorShapeWithoutAnyFault() async throws {
        let sandbox = try SandboxProcess()
        let client = try HTTPClient()
        let bad = try await client.send(HTTPRequest(method: "POST", url: sandbox.httpsURL, body: .bytes(Array(#"{"a":1,}"#.utf8), contentType: "application/json")))
        #expect(bad.status == 400)
        #expect(bad.text == #"{"error":{"code":"InvalidRequestContent","message":"The request content is not valid and could not be deserialized as JSON."}}"#)
        #expect(bad.headers["Content-Type"] == "application/json; charset=utf-8")
        let huge = try await client.send(HTTPRequest(method: "POST", url: sandbox.httpsURL, body: .bytes([UInt8](repeating: 0x20, count: (1 << 20) + 1), contentType: "application/json")))
        #expect(huge.status == 413)
        #expect(huge.text.contains("RequestContentTooLarge"))
        let get = try await client.send(HTTPRequest(method: "GET", url: sandbox.httpsURL))
        #expect(get.status == 405)
        #expect(get.text.contains("MethodNotAllowed"))
        #expect((try await sandbox.inspect("/leads?destination=https") as! [Any]).isEmpty, "nothing stored for rejected requests")
        #expect(sandbox.stop() == 0)
    }

    /// A body far larger than the lane's first buffer arrives in many reads and is stored whole.
    @Test func aLargeLeadIsStoredWhole() async throws {
        let sandbox = try SandboxProcess()
        let client = try HTTPClient()
        let body = Array(#"{"Description":"LCTEST_lanes005_1 \#(String(repeating: "é", count: 150_000))"}"#.utf8)
        let response = try await client.send(HTTPRequest(method: "POST", url: sandbox.httpsURL, body: .bytes(body, contentType: "application/json")))
        #expect(response.status == 202)
        let stored = try await sandbox.inspect("/leads?destination=https") as! [[String: Any]]
        #expect(stored.count == 1)
        #expect((stored.first?["record"] as? String).map { Array($0.utf8) } == body)
        #expect(sandbox.stop() == 0)
    }

    @Test func bothLanesStoreAndAnswerTheSame() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("sandbox.sqlite")
        let sandbox = try SandboxProcess(["--data", data], directory: directory)
        let client = try HTTPClient()
        let request = HTTPRequest(method: "POST", url: sandbox.httpsURL, headers: ["X-Lane-Test": "a b"],
                                  body: .bytes(Array(#"{"Description":"LCTEST_lanes002_1 — é"}"#.utf8), contentType: "application/json; charset=utf-8"))
        let eventLoop = try await client.send(request)
        // Any fault aimed at the sink sends requests through Hummingbird instead.
        _ = try await sandbox.inspect("/faults", method: "PUT", body: #"{"faults":["https:latency=1ms"]}"#)
        let hummingbird = try await client.send(request)
        #expect(eventLoop.status == 202 && hummingbird.status == 202)
        #expect(eventLoop.headers.map { $0.name.lowercased() } == hummingbird.headers.map { $0.name.lowercased() })
        #expect(eventLoop.body.isEmpty && hummingbird.body.isEmpty)
        #expect(sandbox.stop() == 0)

        let rows = try DatabaseQueue(path: data).read { db in
            try Row.fetchAll(db, sql: "SELECT path, headers, body, marker FROM https_leads ORDER BY id")
        }
        try #require(rows.count == 2)
        for column in ["path", "headers", "marker"] {
            #expect(rows[0][column] as String? == rows[1][column] as String?, "\(column) differs between the lanes")
        }
        #expect(rows[0]["body"] as Data? == rows[1]["body"] as Data?)
        #expect((rows[0]["headers"] as String).contains(#"["X-Lane-Test","a b"]"#))
    }
}
