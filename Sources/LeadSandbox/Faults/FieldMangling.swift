import Foundation
import LeadCheck

/// The data-corrupting faults: `truncate` cuts values to the strictest destination limit of
/// their field (as a lossy flow or connector would) and `mojibake` stores UTF-8 bytes decoded as
/// Latin-1 (the classic double-encoding bug). `verify` must report `field.truncated` and
/// `field.mangled` for them.
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
            case .truncate: if let limit { out = truncate(out, to: limit) }
            case .mojibake: out = mojibake(out)
            default: break
            }
        }
        return out
    }

    /// Whether any data-corrupting fault is active.
    static func isActive(_ effects: [Fault.Effect]) -> Bool {
        effects.contains { if case .truncate = $0 { return true }; if case .mojibake = $0 { return true }; return false }
    }

    /// An HTTPS payload (`UserDetails` fields and `Description`, either key casing) with its
    /// values mangled, re-serialised; the body unchanged when it is not a JSON object.
    static func apply(_ effects: [Fault.Effect], toHTTPSBody body: [UInt8]) -> [UInt8] {
        guard isActive(effects), var object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return body }
        for key in ["Description", "description"] {
            if let text = object[key] as? String { object[key] = apply(effects, to: text, limit: FieldLimits.strictest(.description)?.limit) }
        }
        for key in ["UserDetails", "userDetails"] {
            guard var user = object[key] as? [String: Any] else { continue }
            for field in CustomerField.allCases {
                let limit = FieldLimits.strictest(LeadField(rawValue: field.rawValue)!)?.limit
                for name in [field.rawValue, field.rawValue.prefix(1).lowercased() + field.rawValue.dropFirst()] {
                    if let text = user[name] as? String { user[name] = apply(effects, to: text, limit: limit) }
                }
            }
            object[key] = user
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map(Array.init) ?? body
    }

    /// An Azure Table entity with its `CustomerInfo` fields and `Description` mangled.
    static func apply(_ effects: [Fault.Effect], toEntity entity: [String: Any]) -> [String: Any] {
        guard isActive(effects) else { return entity }
        var out = entity
        if let description = out["Description"] as? String {
            out["Description"] = apply(effects, to: description, limit: FieldLimits.strictest(.description)?.limit)
        }
        if let info = out["CustomerInfo"] as? String,
           var customer = (try? JSONSerialization.jsonObject(with: Data(info.utf8))) as? [String: Any] {
            for field in CustomerField.allCases {
                if let value = customer[field.rawValue] as? String {
                    customer[field.rawValue] = apply(effects, to: value, limit: FieldLimits.strictest(LeadField(rawValue: field.rawValue)!)?.limit)
                }
            }
            if let data = try? JSONSerialization.data(withJSONObject: customer, options: [.sortedKeys]) {
                out["CustomerInfo"] = String(decoding: data, as: UTF8.self)
            }
        }
        return out
    }
}
