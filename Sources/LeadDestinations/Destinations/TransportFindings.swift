import LeadModel
import LeadTransport

/// Turns transport failures and unexpected statuses into findings with the hints users need.
enum TransportFindings {
    /// A finding for a request that got no usable response.
    static func finding(_ error: TransportError, destination: String, lead: String?, action: String) -> Finding {
        let hint: String
        switch error.code {
        case .dnsFailed: hint = "The host name does not resolve: check the URL (or connection string) for a typo."
        case .connectRefused:
            hint = "Nothing accepts connections there: check the host and port, and that the service is up."
        case .connectTimeout:
            hint = "The host did not answer within the connect timeout: check firewalls and the address."
        case .tlsUntrusted:
            hint =
                """
                The certificate chain is not trusted: Microsoft's connector will refuse it too; use a\
                 certificate from a public CA (or --cacert for a private test CA).
                """
        case .tlsHostname:
            hint =
                "The certificate does not name this host: serve a certificate whose subject alternative names include it."
        case .tlsExpired: hint = "The certificate has expired or is not yet valid: renew it."
        case .tlsHandshake: hint = "The TLS handshake failed: check that the port serves HTTPS with TLS 1.2 or later."
        case .httpTimeout:
            hint =
                """
                The request took longer than the timeout: Microsoft's connector gives up too; make the\
                 endpoint answer quickly (Power Automate answers 202 at once without a Response action).
                """
        case .httpProtocol: hint = "The answer was not valid HTTP or was cut off: check what listens on that address."
        case .httpRedirect:
            hint =
                "The endpoint redirects; Microsoft's connector posts to the URL you give it, so give it the final URL."
        case .httpBodyTooLarge: hint = "The response body was larger than the cap (--max-body)."
        case .urlInvalid: hint = "The URL is not a valid http(s) URL."
        default: hint = "See the message; retry with -v for the exchange."
        }
        return Finding(
            code: error.code, destination: destination, lead: lead, message: "\(action) failed: \(error.message)",
            hint: hint, evidence: error.url)
    }
}
