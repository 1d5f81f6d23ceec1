/// The key casing of the HTTPS payload.
public enum JSONKeyCase: String, Sendable, Hashable, CaseIterable, Codable {
    /// `UserDetails`, `FirstName`: the documented schema and example (the default).
    case pascal
    /// `userDetails`, `firstName`: for robustness testing of receivers (reference notes §1.1).
    case camel
}
