import LeadModel

/// Applies run-default overrides in DESIGN §6's precedence: a flag beats a `LEADCHECK_*`
/// environment variable, which beats the config file, which beats the built-in default.
public struct DefaultsOverrides: Sendable {
    /// `--seed`, `--matrix`, `--variants`, `--locales` as given (nil when absent).
    public var seed: String?
    /// `--matrix`.
    public var matrix: String?
    /// `--variants`.
    public var variants: String?
    /// `--locales`.
    public var locales: String?

    /// Creates overrides from flags.
    public init(seed: String? = nil, matrix: String? = nil, variants: String? = nil, locales: String? = nil) {
        self.seed = seed
        self.matrix = matrix
        self.variants = variants
        self.locales = locales
    }

    /// The defaults with flags and `LEADCHECK_SEED`, `LEADCHECK_MATRIX`, `LEADCHECK_VARIANTS`,
    /// `LEADCHECK_LOCALES` applied; errors name the flag or variable that was wrong.
    public func apply(to defaults: LeadCheckConfig.Defaults, environment: [String: String]) throws(LeadCheckError) -> LeadCheckConfig.Defaults {
        var out = defaults
        func pick(_ flag: String?, _ flagName: String, _ variable: String) -> (value: String, source: String)? {
            if let flag { return (flag, flagName) }
            if let value = environment[variable], !value.isEmpty { return (value, variable) }
            return nil
        }
        if let (value, source) = pick(seed, "--seed", "LEADCHECK_SEED") {
            guard let parsed = UInt64(value) else { throw .invalidNumber(flag: source, value: value, expected: "a whole number from 0 to 18446744073709551615") }
            out.seed = parsed
        }
        if let (value, source) = pick(matrix, "--matrix", "LEADCHECK_MATRIX") { out.matrix = try Choice.parse(value, flag: source) }
        if let (value, source) = pick(variants, "--variants", "LEADCHECK_VARIANTS") { out.variants = try Choice.parseList(value, flag: source) }
        if let (value, source) = pick(locales, "--locales", "LEADCHECK_LOCALES") { out.locales = try Choice.parseList(value, flag: source) }
        return out
    }
}
