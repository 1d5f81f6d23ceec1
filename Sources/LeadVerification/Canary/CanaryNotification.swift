import Foundation

/// The message posted when a destination's state changes (`--notify URL`): `text` is what Slack
/// and Teams incoming webhooks show; the other keys carry the same facts for other receivers.
/// Slack's incoming webhooks take `{"text": …}` (api.slack.com/messaging/webhooks); Teams' older
/// Office 365 connector webhooks take the same key (third-party clients such as the
/// msteams-ruby-client gem post `{text, summary}`) [third-party].
public struct CanaryNotification: Sendable, Hashable, Codable {
    /// One finding's code and fix.
    public struct Problem: Sendable, Hashable, Codable {
        public var code: String
        public var hint: String
    }

    public var text: String
    public var destination: String
    public var oldState: String?
    public var newState: String
    public var findings: [Problem]

    /// The message for `change`.
    public init(_ change: CanaryState.Change) {
        destination = change.destination
        oldState = change.old?.status
        newState = change.new.status
        findings = change.result.problems.map { Problem(code: $0.code, hint: $0.hint) }
        let headline =
            change.new.status == "up"
            ? "leadcheck canary: \(change.destination) (\(change.result.type)) passes again — leads reach it intact"
            : "leadcheck canary: \(change.destination) (\(change.result.type)) is failing — real leads may be lost"
        let details = findings.prefix(5).map { "• \($0.code): \($0.hint)" }
        text = ([headline] + details).joined(separator: "\n")
    }
}
