import Foundation
import LeadModel

/// What a Response action's `statusCode` says before the run: a literal status, a literal that
/// is no HTTP status, or a status an expression computes.
enum ResponseStatus: Sendable, Hashable {
    case literal(Int)
    /// A number or numeric text outside 100–599 (or not an integer): the action fails when it
    /// runs (docs/reference/flows.md §1 covers what a Response answers; that a bad status fails the
    /// action is inferred: Logic Apps refuses such a definition when it is saved).
    case invalid(String)
    case computed

    /// Reads `inputs.statusCode`; absent means 200, as the Response action's default.
    init(_ value: JSONValue?) {
        let status: Int?
        let text: String
        switch value {
        case nil, .null?:
            self = .literal(200)
            return
        case .number(let number)?:
            // Int(exactly:) and not Int(_:): 1e300 or 200.5 is no status, and must not trap.
            status = Int(exactly: number)
            text = "\(number)"
        case .string(let string)?:
            if string.hasPrefix("@") {
                self = .computed
                return
            }
            text = string.trimmingCharacters(in: .whitespaces)
            status = Int(text)
        default:
            self = .invalid("a JSON \(value.map { "\($0)" } ?? "value")")
            return
        }
        if let status, (100...599).contains(status) { self = .literal(status) } else { self = .invalid(text) }
    }
}
