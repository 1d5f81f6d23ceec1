import LeadModel

extension Fault {
    /// The fault names `--fault` accepts, for error messages and help.
    public static let names = [
        "latency=DURATION", "status=CODE", "fail-first=N", "drop", "throttle[=N]", "token-expired", "clock-skew",
        "truncate[=N]",
        "mojibake", "tls-expired", "tls-wrong-host", "tls-untrusted", "https:require-sig=VALUE",
        "https:reads=pascal|camel", "https:tenant-only", "https:schema-validation", "azure-table:firewall",
        "azure-table:shared-key-disabled", "salesforce:restricted-picklist",
        "salesforce:wrong-oid", "salesforce:daily-limit", "dynamics:missing-privilege", "dynamics:write-only",
        "dynamics:no-app-user", "dynamics:secret-expired", "marketo:missing-field=NAME",
    ]

    /// Parses `KIND:NAME[=VALUE]`, e.g. `*:latency=250ms`, `https:status=500`, `marketo:missing-field=leadSource`.
    public init(parsing spec: String) throws(FaultSpecError) {
        guard let colon = spec.firstIndex(of: ":") else {
            throw FaultSpecError(spec: spec, reason: "expected KIND:NAME[=VALUE]")
        }
        let kindText = String(spec[..<colon])
        guard let target = FaultTarget(rawValue: kindText) else {
            throw FaultSpecError(
                spec: spec,
                reason:
                    "unknown kind '\(kindText)'; valid kinds are \(FaultTarget.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let rest = spec[spec.index(after: colon)...]
        let parts = rest.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        let value = parts.count > 1 ? String(parts[1]) : nil
        func requireValue() throws(FaultSpecError) -> String {
            guard let value, !value.isEmpty else {
                throw FaultSpecError(spec: spec, reason: "'\(name)' needs a value: \(name)=…")
            }
            return value
        }
        func number() throws(FaultSpecError) -> Int {
            let text = try requireValue()
            guard let n = Int(text), n >= 0 else {
                throw FaultSpecError(spec: spec, reason: "'\(text)' is not a whole number ≥ 0")
            }
            return n
        }
        func only(_ allowed: FaultTarget) throws(FaultSpecError) {
            guard target == allowed else {
                throw FaultSpecError(spec: spec, reason: "'\(name)' applies only to \(allowed.rawValue)")
            }
        }
        let effect: Effect
        switch name {
        case "latency":
            let text = try requireValue()
            guard let ms = DurationText.milliseconds(text, in: Self.latencyRange, bareUnit: 1) else {
                throw FaultSpecError(
                    spec: spec,
                    reason: "'\(text)' is not a duration \(DurationText.describe(Self.latencyRange)) like 250ms or 2s")
            }
            effect = .latency(milliseconds: ms)
        case "status":
            let code = try number()
            guard (100...599).contains(code) else {
                throw FaultSpecError(spec: spec, reason: "\(code) is not an HTTP status")
            }
            effect = .status(code)
        case "fail-first": effect = .failFirst(try number())
        case "drop": effect = .drop
        case "throttle": effect = .throttle(first: value == nil ? nil : try number())
        case "token-expired": effect = .tokenExpired
        case "clock-skew": effect = .clockSkew
        case "truncate":
            let limit = value == nil ? nil : try number()
            if limit == 0 { throw FaultSpecError(spec: spec, reason: "truncate=N needs N ≥ 1") }
            effect = .truncate(to: limit)
        case "mojibake": effect = .mojibake
        case "tls-expired": effect = .tlsExpired
        case "tls-wrong-host": effect = .tlsWrongHost
        case "tls-untrusted": effect = .tlsUntrusted
        case "require-sig":
            try only(.https)
            effect = .requireSig(try requireValue())
        case "tenant-only":
            try only(.https)
            effect = .tenantOnly
        case "schema-validation":
            try only(.https)
            effect = .schemaValidation
        case "reads":
            try only(.https)
            let text = try requireValue()
            guard let casing = FlowKeyCasing(rawValue: text) else {
                throw FaultSpecError(spec: spec, reason: "'\(text)' is not pascal or camel")
            }
            effect = .reads(casing)
        case "firewall":
            try only(.azureTable)
            effect = .firewall
        case "shared-key-disabled":
            try only(.azureTable)
            effect = .sharedKeyDisabled
        case "restricted-picklist":
            try only(.salesforce)
            effect = .restrictedPicklist
        case "wrong-oid":
            try only(.salesforce)
            effect = .wrongOrgID
        case "daily-limit":
            try only(.salesforce)
            effect = .dailyLimit
        case "missing-privilege":
            try only(.dynamics)
            effect = .missingPrivilege
        case "write-only":
            try only(.dynamics)
            effect = .writeOnly
        case "no-app-user":
            try only(.dynamics)
            effect = .noApplicationUser
        case "secret-expired":
            try only(.dynamics)
            effect = .secretExpired
        case "missing-field":
            try only(.marketo)
            effect = .missingField(try requireValue())
        default:
            throw FaultSpecError(
                spec: spec, reason: "unknown fault '\(name)'; valid faults are \(Self.names.joined(separator: ", "))")
        }
        self.init(target: target, effect: effect, description: spec)
    }

    /// How long a `latency` fault may hold an answer: up to ten minutes (a bare number is
    /// milliseconds).
    static let latencyRange = 0...600_000
}
