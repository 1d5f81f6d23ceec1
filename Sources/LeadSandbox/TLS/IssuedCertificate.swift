/// A server certificate and its key, as PEM.
public struct IssuedCertificate: Sendable {
    /// The leaf certificate.
    public let certificatePEM: String
    /// The issuing CA's certificate.
    public let caCertificatePEM: String
    /// The leaf's private key (PKCS#8).
    public let privateKeyPEM: String

    /// Leaf then CA: what a server presents.
    public var chainPEM: String { Self.terminated(certificatePEM) + Self.terminated(caCertificatePEM) }

    /// PEM blocks must each end with a newline before another may follow.
    static func terminated(_ pem: String) -> String { pem.hasSuffix("\n") ? pem : pem + "\n" }
}
