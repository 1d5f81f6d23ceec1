import LeadModel
import LeadTransport

/// A parsed `leadcheck.yaml` (README, "leadcheck.yaml"), every secret already a ``Secret``.
public struct LeadCheckConfig: Sendable {
    /// The schema version; 1.
    public var version: Int
    /// The offer the leads are about.
    public var offer: Offer
    /// Run defaults.
    public var defaults: Defaults
    /// The destinations, in file order.
    public var destinations: [DestinationConfig]
    /// Problems worth telling the user that do not stop a run (e.g. a readable secret file).
    public var warnings: [String] = []

    /// Run defaults; flags and `LEADCHECK_*` variables override them.
    public struct Defaults: Sendable {
        /// Which pairs.
        public var matrix: LeadMatrix = .documented
        /// Which variants.
        public var variants: [LeadVariant] = [.typical, .unicode, .hostile]
        /// Which locales.
        public var locales: [LeadLocale] = [.enUS, .jaJP]
        /// A fixed seed, or nil for a random one per run.
        public var seed: UInt64?
        /// Connect timeout, ms.
        public var connectTimeoutMilliseconds = 10_000
        /// Request timeout, ms.
        public var totalTimeoutMilliseconds = 30_000
        /// Whether test leads are removed after the run.
        public var cleanup = true

        /// The defaults of an empty `defaults:`.
        public init() {}
    }

    /// Creates a config; every part defaults to what an empty file would give.
    public init(
        version: Int = 1, offer: Offer = .example, defaults: Defaults = Defaults(),
        destinations: [DestinationConfig] = [], warnings: [String] = []
    ) {
        self.version = version
        self.offer = offer
        self.defaults = defaults
        self.destinations = destinations
        self.warnings = warnings
    }

    /// Every secret the config holds, for the redactor.
    public var secrets: [Secret] {
        destinations.flatMap { destination -> [Secret] in
            switch destination.settings {
            case .https(let https):
                return [https.url] + Redactor.secrets(inURL: https.url.reveal(), source: https.url.source)
                    + [https.run?.clientSecret].compactMap { $0 }
            case .azureTable(let connection, _): return [connection.key]
            case .dynamics(let settings): return settings.secrets
            case .marketo(let settings): return [settings.clientSecret]
            case .salesforce(let settings): return [settings.clientSecret]
            }
        }
    }
}
