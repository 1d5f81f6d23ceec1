import CCurl
import Foundation
import LeadModel

/// One request's libcurl state: the easy handle's configuration, the buffers its callbacks
/// fill, and the continuation that delivers the result.
///
/// `@unchecked Sendable`: everything but `cancelRequested` and the continuation hand-off is
/// touched only on the loop thread (callbacks run inside `curl_multi_perform` there); those two
/// are guarded by `lock`.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    let options: TransportOptions
    let redactor: Redactor
    /// The URL as errors may show it. Computed only when needed: redaction runs regular
    /// expressions, far too slow to pay on every successful request of a burst.
    var redactedURL: String { redactor.redact(request.url) }

    private let lock = NSLock()
    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    /// For burst transfers: called (on the loop thread) instead of resuming a continuation.
    var callback: (@Sendable (Result<HTTPResponse, TransportError>) -> Void)?
    private var cancelRequested = false
    private var finished = false

    // Loop-thread state.
    var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var responseHeaders: [HTTPHeaders.Field] = []
    private var body: [UInt8] = []
    private var bodyTooLarge = false
    private var tlsVersion: String?
    /// Whether the request is HTTPS; decided once, from the URL's bytes.
    let isHTTPS: Bool
    /// The configuration a finished handle keeps for the next transfer of the same shape: a
    /// POST with a body and the client's own timeouts (every burst request). Such a handle
    /// skips `curl_easy_reset` and the client-wide options; anything else is reset.
    let reuseShape: String?

    init(request: HTTPRequest, options: TransportOptions, redactor: Redactor) {
        self.request = request
        self.options = options
        self.redactor = redactor
        let scheme = request.url.utf8.prefix(6).map { $0 | 0x20 }
        isHTTPS = scheme.elementsEqual("https:".utf8.map { $0 | 0x20 })
        let reusable = request.method == "POST" && request.body != .none && request.timeouts == nil
        reuseShape = reusable ? (isHTTPS ? "post-https" : "post-http") : nil
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
    }

    // MARK: Cross-thread hand-off

    /// Stores the continuation; returns false if the request was cancelled before it started.
    func attach(_ continuation: CheckedContinuation<HTTPResponse, any Error>) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if cancelRequested {
            finished = true
            continuation.resume(
                throwing: TransportError(.requestCancelled, message: "cancelled before it started", url: redactedURL))
            return false
        }
        self.continuation = continuation
        return true
    }

    /// Marks the transfer cancelled; the loop removes it on its next turn.
    func requestCancel() {
        lock.lock()
        cancelRequested = true
        lock.unlock()
    }

    var isCancelRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelRequested
    }

    /// Delivers the result exactly once.
    func finish(_ result: Result<HTTPResponse, TransportError>) {
        if let callback {
            lock.lock()
            let first = !finished
            finished = true
            lock.unlock()
            if first { callback(result) }
            return
        }
        lock.lock()
        guard !finished, let continuation else {
            finished = true
            lock.unlock()
            return
        }
        finished = true
        self.continuation = nil
        lock.unlock()
        continuation.resume(with: result.mapError { $0 as any Error })
    }

    // MARK: Configuration (loop thread)

    /// Configures `handle` for this request; `preconfigured` means the handle last served a
    /// transfer of the same ``reuseShape`` and still holds the client-wide options. Returns an
    /// error for requests libcurl cannot take.
    func configure(_ handle: UnsafeMutableRawPointer, preconfigured: Bool = false) -> TransportError? {
        easy = handle
        let me = Unmanaged.passUnretained(self).toOpaque()
        let ok = lc_easy_setopt_string(handle, CURLOPT_URL, request.url) == CURLE_OK
        _ = lc_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = lc_easy_setopt_long(
            handle, CURLOPT_CONNECTTIMEOUT_MS,
            request.timeouts?.connectMilliseconds ?? options.connectTimeoutMilliseconds)
        _ = lc_easy_setopt_long(
            handle, CURLOPT_TIMEOUT_MS, request.timeouts?.totalMilliseconds ?? options.totalTimeoutMilliseconds)
        _ = lc_easy_setopt_long(handle, CURLOPT_FRESH_CONNECT, request.freshConnection ? 1 : 0)
        _ = lc_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, me)
        _ = lc_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, me)
        if isHTTPS { _ = lc_easy_setopt_pointer(handle, CURLOPT_DEBUGDATA, me) }
        if !preconfigured { configureClientWide(handle) }
        return ok
            ? configureRequest(handle)
            : TransportError(
                .urlInvalid, message: "libcurl rejected the URL", url: redactedURL,
                curlCode: Int(CURLE_URL_MALFORMAT.rawValue))
    }

    /// The options every request of this client shares.
    private func configureClientWide(_ handle: UnsafeMutableRawPointer) {
        _ = lc_easy_setopt_long(handle, CURLOPT_PATH_AS_IS, 1)
        _ = lc_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = lc_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = lc_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes))
        _ = lc_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        _ = lc_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        _ = lc_easy_setopt_string(handle, CURLOPT_USERAGENT, "leadcheck/0.1 (+libcurl)")

        switch options.redirects {
        case .fail, .returnResponse:
            _ = lc_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        case .follow(let maxHops):
            _ = lc_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1)
            _ = lc_easy_setopt_long(handle, CURLOPT_MAXREDIRS, maxHops)
            _ = lc_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
            // Keep credentials to the original host (also libcurl's default since 7.58).
            _ = lc_easy_setopt_long(handle, CURLOPT_UNRESTRICTED_AUTH, 0)
        }

        if isHTTPS {
            _ = lc_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, options.insecure ? 0 : 1)
            _ = lc_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, options.insecure ? 0 : 2)
            if let caFile = options.caFile { _ = lc_easy_setopt_string(handle, CURLOPT_CAINFO, caFile) }
            _ = lc_easy_setopt_long(handle, CURLOPT_CERTINFO, 1)
            // The negotiated TLS version is only reported in libcurl's informational text
            // ("SSL connection using TLSv1.3 / …"), so HTTPS transfers capture that text.
            _ = lc_easy_setopt_debug_callback(handle, curlDebugCallback)
            _ = lc_easy_setopt_long(handle, CURLOPT_VERBOSE, 1)
        }
    }

    /// The request's own headers, body and method.
    private func configureRequest(_ handle: UnsafeMutableRawPointer) -> TransportError? {
        var headers = request.headers
        let encoded = request.body.encoded
        if let encoded, headers["Content-Type"] == nil { headers.add("Content-Type", encoded.contentType) }
        // Microsoft's connector does not wait for 100-continue; neither do we.
        headers.set("Expect", "")
        for field in headers {
            let line = field.value.isEmpty ? "\(field.name):" : "\(field.name): \(field.value)"
            headerList = curl_slist_append(headerList, line)
        }
        _ = lc_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        let method = request.method.uppercased()
        if let encoded {
            _ = lc_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(encoded.bytes.count))
            _ = encoded.bytes.withUnsafeBufferPointer { buffer in
                lc_easy_setopt_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS,
                    UnsafeMutableRawPointer(mutating: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!))
            }
            if method != "POST" { _ = lc_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method) }
        } else {
            switch method {
            case "GET": _ = lc_easy_setopt_long(handle, CURLOPT_HTTPGET, 1)
            case "HEAD": _ = lc_easy_setopt_long(handle, CURLOPT_NOBODY, 1)
            default: _ = lc_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
            }
        }
        return nil
    }

    // MARK: Callbacks (loop thread)

    fileprivate func receiveBody(_ data: UnsafeMutablePointer<CChar>, _ length: Int) -> Int {
        if body.count + length > options.maxBodyBytes {
            bodyTooLarge = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    fileprivate func receiveHeader(_ data: UnsafeMutablePointer<CChar>, _ length: Int) -> Int {
        // Byte-level parsing: this runs for every header line of every response.
        data.withMemoryRebound(to: UInt8.self, capacity: length) { base in
            let line = UnsafeBufferPointer(start: base, count: length)
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
            var end = line.count
            while end > 0 && isSpace(line[end - 1]) { end -= 1 }
            if end >= 5 && line[0] == UInt8(ascii: "H") && line[1] == UInt8(ascii: "T") && line[2] == UInt8(ascii: "T")
                && line[3] == UInt8(ascii: "P") && line[4] == UInt8(ascii: "/")
            {
                // A new response (after 100-continue or a followed redirect): start over.
                responseHeaders.removeAll()
                return
            }
            guard let colon = line[..<end].firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return }
            var nameEnd = colon
            while nameEnd > 0 && isSpace(line[nameEnd - 1]) { nameEnd -= 1 }
            var valueStart = colon + 1
            while valueStart < end && isSpace(line[valueStart]) { valueStart += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: line[0..<nameEnd]), as: UTF8.self)
            let value = String(decoding: UnsafeBufferPointer(rebasing: line[valueStart..<end]), as: UTF8.self)
            responseHeaders.append(HTTPHeaders.Field(name: name, value: value))
        }
        return length
    }

    fileprivate func receiveDebug(_ type: curl_infotype, _ data: UnsafeMutablePointer<CChar>, _ length: Int) {
        guard type == CURLINFO_TEXT, tlsVersion == nil else { return }
        let text = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        if let range = text.range(of: "SSL connection using ") {
            let rest = text[range.upperBound...]
            tlsVersion = rest.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map(String.init)
        }
    }

    // MARK: Completion (loop thread)

    /// Turns libcurl's result into a response or a classified error.
    func complete(code: CURLcode) -> Result<HTTPResponse, TransportError> {
        guard let handle = easy else {
            return .failure(TransportError(.transportFailed, message: "no handle", url: redactedURL))
        }
        let timings = Self.timings(handle)
        if code != CURLE_OK {
            return .failure(classify(code, handle: handle, timings: timings))
        }
        var status = 0
        var raw = 0
        if lc_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &raw) == CURLE_OK { status = raw }
        var connects = 0
        _ = lc_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        var version = 0
        _ = lc_easy_getinfo_long(handle, CURLINFO_HTTP_VERSION, &version)
        let response = HTTPResponse(
            status: status, headers: HTTPHeaders(responseHeaders), body: body,
            remoteAddress: Self.remoteAddress(handle), httpVersion: Self.versionName(version), timings: timings,
            tls: connects > 0 || request.freshConnection ? tlsDetails(handle) : nil, newConnections: connects,
            effectiveURL: Self.string(handle, CURLINFO_EFFECTIVE_URL).flatMap {
                $0 == request.url ? nil : redactor.redact($0)
            }
        )
        if (300..<400).contains(status), case .fail = options.redirects {
            let location = responseHeaders.first { $0.name.lowercased() == "location" }?.value
            return .failure(
                TransportError(
                    .httpRedirect,
                    message:
                        "the server answered \(status) redirecting to \(location.map(redactor.redact) ?? "nowhere"); redirects are not followed",
                    url: redactedURL, timings: timings
                ))
        }
        return .success(response)
    }

    private func classify(_ code: CURLcode, handle: UnsafeMutableRawPointer, timings: PhaseTimings) -> TransportError {
        let detail = String(cString: errorBuffer)
        let summary = String(cString: curl_easy_strerror(code))
        let message = redactor.redact(detail.isEmpty ? summary : "\(summary): \(detail)")
        let lower = detail.lowercased()
        let kind: FindingCode
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .dnsFailed
        case CURLE_COULDNT_CONNECT: kind = .connectRefused
        case CURLE_OPERATION_TIMEDOUT:
            let isTLS = request.url.lowercased().hasPrefix("https:")
            let connected = timings.connect > 0 && (!isTLS || timings.tls > 0)
            kind = connected ? .httpTimeout : .connectTimeout
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_INVALIDCERTSTATUS:
            if lower.contains("expired") || lower.contains("not yet valid") {
                kind = .tlsExpired
            } else if lower.contains("subject name") || lower.contains("host name") || lower.contains("hostname") {
                kind = .tlsHostname
            } else if lower.contains("self-signed") || lower.contains("self signed") || lower.contains("issuer")
                || lower.contains("unable to get") || lower.contains("unknown ca") || lower.contains("cafile")
                || code == CURLE_SSL_CACERT_BADFILE || code == CURLE_PEER_FAILED_VERIFICATION
            {
                kind = .tlsUntrusted
            } else {
                kind = .tlsHandshake
            }
        case CURLE_WRITE_ERROR where bodyTooLarge, CURLE_FILESIZE_EXCEEDED: kind = .httpBodyTooLarge
        case CURLE_WEIRD_SERVER_REPLY, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
            CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP_RETURNED_ERROR:
            kind = .httpProtocol
        case CURLE_TOO_MANY_REDIRECTS: kind = .httpRedirect
        case CURLE_UNSUPPORTED_PROTOCOL where timings.connect > 0 || lower.contains("http/0.9"):
            // libcurl reports a reply that is not HTTP at all as "Received HTTP/0.9 when not allowed".
            kind = .httpProtocol
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: kind = .urlInvalid
        case CURLE_ABORTED_BY_CALLBACK: kind = .requestCancelled
        default: kind = .transportFailed
        }
        let finalMessage = kind == .httpBodyTooLarge ? "\(message) (the cap is \(options.maxBodyBytes) bytes)" : message
        return TransportError(
            kind, message: finalMessage, url: redactedURL, curlCode: Int(code.rawValue), timings: timings)
    }

    private func tlsDetails(_ handle: UnsafeMutableRawPointer) -> TLSDetails? {
        guard request.url.lowercased().hasPrefix("https:") else { return nil }
        var details = TLSDetails(version: tlsVersion)
        var info: UnsafeMutablePointer<curl_certinfo>?
        if lc_easy_getinfo_certinfo(handle, &info) == CURLE_OK, let info, info.pointee.num_of_certs > 0,
            let first = info.pointee.certinfo?[0]
        {
            var node: UnsafeMutablePointer<curl_slist>? = first
            while let current = node {
                if let cString = current.pointee.data {
                    let entry = String(cString: cString)
                    if let colon = entry.firstIndex(of: ":") {
                        let key = entry[..<colon]
                        let value = String(entry[entry.index(after: colon)...])
                        switch key {
                        case "Subject": details.subject = value
                        case "Issuer": details.issuer = value
                        case "Start date": details.notBefore = value
                        case "Expire date": details.notAfter = value
                        default: break
                        }
                    }
                }
                node = current.pointee.next
            }
        }
        if let notAfter = details.notAfter, let expiry = CertificateDate.parse(notAfter) {
            details.daysToExpiry = Int((expiry - Int64(Date().timeIntervalSince1970)).floorDiv(86_400))
        }
        return details
    }

    // MARK: Info helpers

    static func timings(_ handle: UnsafeMutableRawPointer) -> PhaseTimings {
        func value(_ info: CURLINFO) -> Int64 {
            var v: curl_off_t = 0
            _ = lc_easy_getinfo_off_t(handle, info, &v)
            return Int64(v)
        }
        return PhaseTimings(
            dns: value(CURLINFO_NAMELOOKUP_TIME_T), connect: value(CURLINFO_CONNECT_TIME_T),
            tls: value(CURLINFO_APPCONNECT_TIME_T), preTransfer: value(CURLINFO_PRETRANSFER_TIME_T),
            firstByte: value(CURLINFO_STARTTRANSFER_TIME_T), total: value(CURLINFO_TOTAL_TIME_T)
        )
    }

    static func string(_ handle: UnsafeMutableRawPointer, _ info: CURLINFO) -> String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard lc_easy_getinfo_string(handle, info, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }

    static func remoteAddress(_ handle: UnsafeMutableRawPointer) -> String? {
        guard let ip = string(handle, CURLINFO_PRIMARY_IP), !ip.isEmpty else { return nil }
        var port = 0
        _ = lc_easy_getinfo_long(handle, CURLINFO_PRIMARY_PORT, &port)
        // A byte test: String.contains(String) goes through Foundation's NSString search, which
        // showed up at 3 % of a send burst's profile.
        return ip.utf8.contains(UInt8(ascii: ":")) ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    static func versionName(_ version: Int) -> String? {
        switch version {
        case CURL_HTTP_VERSION_1_0: "HTTP/1.0"
        case CURL_HTTP_VERSION_1_1: "HTTP/1.1"
        case CURL_HTTP_VERSION_2_0: "HTTP/2"
        case 30: "HTTP/3"
        default: nil
        }
    }
}

private let curlWriteCallback: lc_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.receiveBody(buffer, size * count)
}

private let curlHeaderCallback: lc_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.receiveHeader(buffer, size * count)
}

private let curlDebugCallback: lc_debug_callback = { _, type, data, size, userdata in
    guard let data, let userdata else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    transfer.receiveDebug(type, data, size)
    return 0
}
