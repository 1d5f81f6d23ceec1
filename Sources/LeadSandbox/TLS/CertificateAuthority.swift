import Crypto
import Foundation
import SwiftASN1
import X509

/// A private certificate authority: the sandbox's `--tls` serves certificates it issues, writes
/// its certificate to a file clients can trust, and tests use it to make trusted, untrusted,
/// wrong-host and expired server certificates.
public struct CertificateAuthority: Sendable {
    /// The CA's own certificate.
    public let certificate: Certificate
    private let key: P256.Signing.PrivateKey

    /// Creates a new CA with a fresh P-256 key, valid from yesterday for `days` days.
    public init(commonName: String = "leadcheck sandbox CA", days: Int = 365) throws {
        let key = P256.Signing.PrivateKey()
        self.key = key
        let name = try DistinguishedName {
            OrganizationName("leadcheck")
            CommonName(commonName)
        }
        let now = Date()
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: .init(key.publicKey))
        }
        certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400),
            notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: .init(key)
        )
    }

    /// The CA certificate as PEM, for `--cacert` and `REQUESTS_CA_BUNDLE`.
    public func certificatePEM() throws -> String {
        IssuedCertificate.terminated(try certificate.serializeAsPEM().pemString)
    }

    /// Issues a server certificate for the given names, valid between the two dates.
    public func issue(
        commonName: String, dnsNames: [String] = [], ipAddresses: [String] = [],
        notValidBefore: Date = Date().addingTimeInterval(-3600),
        notValidAfter: Date = Date().addingTimeInterval(90 * 86_400)
    ) throws -> IssuedCertificate {
        let leafKey = P256.Signing.PrivateKey()
        var altNames: [GeneralName] = dnsNames.map { .dnsName($0) }
        for address in ipAddresses {
            guard let bytes = Self.ipv4Bytes(address) else {
                throw CertificateAuthorityError("not an IPv4 address: \(address)")
            }
            altNames.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes))))
        }
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(leafKey.publicKey),
            notValidBefore: notValidBefore, notValidAfter: notValidAfter,
            issuer: certificate.subject, subject: try DistinguishedName { CommonName(commonName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(altNames)
            },
            issuerPrivateKey: .init(key)
        )
        return IssuedCertificate(
            certificatePEM: IssuedCertificate.terminated(try leaf.serializeAsPEM().pemString),
            caCertificatePEM: try certificatePEM(),
            privateKeyPEM: IssuedCertificate.terminated(leafKey.pemRepresentation)
        )
    }

    private static func ipv4Bytes(_ address: String) -> [UInt8]? {
        let parts = address.split(separator: ".").compactMap { UInt8($0) }
        return parts.count == 4 ? parts : nil
    }
}
