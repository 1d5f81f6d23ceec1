import LeadModel

/// Applies run-default overrides in the README's precedence: a flag beats a `LEADCHECK_*`
/// environment variable, which beats the config file, which beats the built-in default.
public struct DefaultsOverrides: Sendable {
    /// `--seed`, parsed where it was read (nil when absent).
    public var seed: UInt64?
    /// `--matrix`.
    public var matrix: LeadMatrix?
    /// `--variants`.
    public var variants: [LeadVariant]?
    /// `--locales`.
    public var locales: [LeadLocale]?

    /// Creates overrides from flags.
    public init(
        seed: UInt64? = nil, matrix: LeadMatrix? = nil, variants: [LeadVariant]? = nil, locales: [LeadLocale]? = nil
    ) {
        self.seed = seed
        self.matrix = matrix
        self.variants = variants
        self.locales = locales
    }

    /// The defaults with flags and `LEADCHECK_SEED`, `LEADCHECK_MATRIX`, `LEADCHECK_VARIANTS`,
    /// `LEADCHECK_LOCALES` applied; errors name the flag or variable that was wrong.
    public func apply(to defaults: LeadCheckConfig.Defaults, environment: [String: String]) throws(LeadCheckError)
        -> LeadCheckConfig.Defaults
    {
        var out = defaults
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let seed {
            out.seed = seed
        } else if let value = variable("LEADCHECK_SEED") {
            out.seed = try Choice.parseSeed(value, flag: "LEADCHECK_SEED")
        }
        if let matrix {
            out.matrix = matrix
        } else if let value = variable("LEADCHECK_MATRIX") {
            out.matrix = try Choice.parse(value, flag: "LEADCHECK_MATRIX")
        }
        if let variants {
            out.variants = variants
        } else if let value = variable("LEADCHECK_VARIANTS") {
            out.variants = try Choice.parseList(value, flag: "LEADCHECK_VARIANTS")
        }
        if let locales {
            out.locales = locales
        } else if let value = variable("LEADCHECK_LOCALES") {
            out.locales = try Choice.parseList(value, flag: "LEADCHECK_LOCALES")
        }
        return out
    }
}
