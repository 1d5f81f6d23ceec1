import Foundation
import LeadSandbox
import LeadTransport
import Testing

@Suite struct RedactorTests {
    static let canary = "Canary+Secret/Value=42!"

    @Test func knownSecretIsMaskedInEveryEncoding() {
        let redactor = Redactor(secrets: [Secret(Self.canary, source: "LEADCHECK_TEST_SECRET")])
        let percent = Self.canary.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let form = "Canary%2BSecret%2FValue%3D42%21"
        let base64 = Data(Self.canary.utf8).base64EncodedString()
        for text in [
            "raw \(Self.canary) end", "q=\(percent)&x", "body=\(form)", "b64 \(base64)", #"{"note":"\#(Self.canary)"}"#,
        ] {
            let out = redactor.redact(text)
            #expect(
                !out.contains(Self.canary) && !out.contains(percent) && !out.contains(form) && !out.contains(base64),
                "\(out)")
            #expect(out.contains(Redactor.mask))
        }
    }

    @Test func sasQueryParametersAreMaskedWithoutBeingKnown() {
        let url =
            """
            https://prod-00.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=\
            2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEf123456
            """
        let out = Redactor().redact(url)
        #expect(!out.contains("AbCdEf123456"))
        #expect(!out.contains("%2Ftriggers"))
        #expect(out.contains("api-version=2016-06-01"), "non-secret parameters stay readable")
        #expect(out.contains("sig=[REDACTED]") && out.contains("sv=[REDACTED]") && out.contains("sp=[REDACTED]"))
        #expect(Redactor().redact("https://x.example/?se=2026-01-01&code=xyz987").contains("code=[REDACTED]"))
    }

    @Test func credentialsInHeadersBodiesAndURLsAreMasked() {
        let r = Redactor()
        #expect(r.redact("https://user:p4ssw0rd@host.example/path") == "https://[REDACTED]@host.example/path")
        #expect(r.redact("Authorization: Bearer eyJ0eXAiOiJKV1Qi.abc.def") == "Authorization: Bearer [REDACTED]")
        #expect(
            r.redact("> Authorization: SharedKey devstoreaccount1:c2lnbmF0dXJl=")
                == "> Authorization: SharedKey [REDACTED]")
        #expect(
            r.redact("grant_type=client_credentials&client_id=app&client_secret=s3cr3t-value&scope=x")
                == "grant_type=client_credentials&client_id=app&client_secret=[REDACTED]&scope=x")
        #expect(
            r.redact(#"{"token_type":"Bearer","access_token":"00D!AR8.abc","expires_in":3599}"#)
                == #"{"token_type":"Bearer","access_token":"[REDACTED]","expires_in":3599}"#)
        #expect(r.redactHeader(name: "Authorization", value: "Bearer abc.def") == "Bearer [REDACTED]")
        #expect(r.redactHeader(name: "X-Api-Key", value: "k-123456") == "[REDACTED]")
        #expect(r.redactHeader(name: "Content-Type", value: "application/json") == "application/json")
    }

    @Test func traceAndCurlExportNeverShowSecretsInURLHeaderOrBody() {
        let urlSecret = "SIGCANARY0001"
        let headerSecret = "HDRCANARY0002"
        let bodySecret = "BODYCANARY0003"
        let url = "https://h.example/invoke?api-version=1&sig=\(urlSecret)"
        var redactor = Redactor(secrets: [
            Secret(headerSecret, source: "HDR_VAR"), Secret(bodySecret, source: "BODY_VAR"),
        ])
        for secret in Redactor.secrets(inURL: url, source: "URL_VAR") { redactor.add(secret) }
        var curlRedactor = redactor
        curlRedactor.add(Secret(url, source: "URL_VAR"))
        var headers = HTTPHeaders()
        headers.add("X-Token", headerSecret)
        let request = HTTPRequest(
            method: "POST", url: url, headers: headers,
            body: .form([.init("client_id", "app"), .init("client_secret", bodySecret), .init("note", "x")]))
        let trace = HTTPTrace.request(request, redactor: redactor).joined(separator: "\n")
        let curl = CurlCommand.render(request, redactor: curlRedactor)
        for text in [trace, curl] {
            for secret in [urlSecret, headerSecret, bodySecret] {
                #expect(!text.contains(secret), "\(secret) leaked: \(text)")
            }
        }
        #expect(curl.contains(#""${URL_VAR}""#))
        #expect(curl.contains(#""${HDR_VAR}""#))
        #expect(curl.contains(#""${BODY_VAR}""#))
    }

    @Test func shortValuesAreNotRegistered() {
        let redactor = Redactor(secrets: [Secret("ab", source: "X")])
        #expect(!redactor.knowsSecrets)
        #expect(redactor.redact("about abba") == "about abba")
    }

    @Test func secretDescriptionNeverShowsTheValue() {
        let secret = Secret("hunter2-value", source: "LEADCHECK_PASSWORD")
        #expect("\(secret)" == "<secret from LEADCHECK_PASSWORD>")
        #expect(String(reflecting: secret) == "<secret from LEADCHECK_PASSWORD>")
        #expect(!"\(secret)".contains("hunter2"))
    }

    @Test func urlsWithSignaturesAreDetected() {
        #expect(Redactor.urlCarriesSecrets("https://x/?sig=abc"))
        #expect(Redactor.urlCarriesSecrets("https://u:p@x/"))
        #expect(!Redactor.urlCarriesSecrets("https://x/?api-version=1"))
    }
}
