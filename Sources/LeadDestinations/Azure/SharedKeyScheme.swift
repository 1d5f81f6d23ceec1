/// The two Shared Key authorization schemes the Table service accepts (docs/reference/azure-table.md §5).
public enum SharedKeyScheme: String, Sendable, Hashable, CaseIterable {
    /// `SharedKey`: verb, Content-MD5, Content-Type, date, canonicalized resource.
    case sharedKey = "SharedKey"
    /// `SharedKeyLite`: date and canonicalized resource only.
    case sharedKeyLite = "SharedKeyLite"
}
