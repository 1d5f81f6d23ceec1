import Foundation
import LeadModel

/// The data-corrupting faults: `truncate=N` cuts every stored value to N characters (`truncate`
/// alone: to the strictest destination limit of its field, as a lossy flow or connector would)
/// and `mojibake` stores UTF-8 bytes decoded as Latin-1 (the classic double-encoding bug).
/// `verify` must report `field.truncated` and `field.mangled` for them.
enum FieldMangling {
    /// Latin-1 reading of the UTF-8 bytes: `é` becomes `Ã©`.
    static func mojibake(_ text: String) -> String {
        String(text.utf8.map { Character(Unicode.Scalar($0)) })
    }

    /// The first `limit` UTF-16 units, never splitting a surrogate pair.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var result = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let width = scalar.value > 0xFFFF ? 2 : 1
            if used + width > limit { break }
            result.unicodeScalars.append(scalar)
            used += width
        }
        return result
    }

    /// A value changed as the active faults say, for a field with the given limit.
    static func apply(_ effects: [Fault.Effect], to value: String, limit: Int?) -> String {
        var out = value
        for effect in effects {
            switch effect {
            case .truncate(to: let fixed): if let cut = fixed ?? limit { out = truncate(out, to: cut) }
            case .mojibake: out = mojibake(out)
            default: break
            }
        }
        return out
    }

    /// Whether any data-corrupting fault is active.
    static func isActive(_ effects: [Fault.Effect]) -> Bool {
        effects.contains {
            if case .truncate = $0 { return true }
            if case .mojibake = $0 { return true }
            return false
        }
    }

    /// An HTTPS payload with every string value mangled (at any depth, either key casing),
    /// re-serialised; the body unchanged when it is not a JSON object.
    static func apply(_ effects: [Fault.Effect], toHTTPSBody body: [UInt8]) -> [UInt8] {
        guard isActive(effects), let object = SandboxJSON.parse(body), object.object != nil else { return body }
        func mangle(_ value: SandboxJSON, key: String) -> SandboxJSON {
            switch value {
            case .string(let text): .string(apply(effects, to: text, limit: limit(forKey: key)))
            case .object(let inner):
                .object(Dictionary(uniqueKeysWithValues: inner.map { ($0.key, mangle($0.value, key: $0.key)) }))
            default: value
            }
        }
        return mangle(object, key: "").bytes
    }

    /// An Azure Table entity with every string property but its keys mangled, and the fields
    /// inside `CustomerInfo` (itself a JSON string) likewise.
    static func apply(_ effects: [Fault.Effect], toEntity entity: [String: SandboxJSON]) -> [String: SandboxJSON] {
        guard isActive(effects) else { return entity }
        var out = entity
        for (key, value) in entity
        where key != "PartitionKey" && key != "RowKey" && key != "CustomerInfo" && !key.contains("@odata") {
            if let text = value.string { out[key] = .string(apply(effects, to: text, limit: limit(forKey: key))) }
        }
        if let info = out["CustomerInfo"]?.string, var customer = SandboxJSON.parseObject(info) {
            for (key, value) in customer {
                if let text = value.string {
                    customer[key] = .string(apply(effects, to: text, limit: limit(forKey: key)))
                }
            }
            out["CustomerInfo"] = .string(SandboxJSON.object(customer).text)
        }
        return out
    }

    /// The strictest limit of the lead field a payload or entity key names (either casing).
    static func limit(forKey key: String) -> Int? {
        let pascal = key.prefix(1).uppercased() + key.dropFirst()
        return LeadField(rawValue: pascal).flatMap { FieldLimits.strictest($0)?.limit }
    }
}
