/// The two Shared Key authorization schemes the Table service accepts (reference notes §2.5).
public enum SharedKeyScheme: String, Sendable, Hashable, CaseIterable {
    /// `SharedKey`: verb, Content-MD5, Content-Type, date, canonicalized resource.
    case sharedKey = "SharedKey"
    /// `SharedKeyLite`: date and canonicalized resource only.
    case sharedKeyLite = "SharedKeyLite"
}
