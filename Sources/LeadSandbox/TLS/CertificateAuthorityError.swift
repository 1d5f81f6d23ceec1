/// A certificate could not be made from the given input.
public struct CertificateAuthorityError: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    public let description: String

    init(_ description: String) { self.description = description }
}
