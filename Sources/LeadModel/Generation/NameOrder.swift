/// The order a locale writes a full name in.
public enum NameOrder: String, Sendable, Hashable {
    /// "Given Family" (en, de, fr, pt).
    case givenFirst
    /// "Family Given" (ja).
    case familyFirst
}
