import Foundation
import LeadFlowFiles
import LeadModel

/// What `leadcheck flow check` found in one file: the definitions read, how many lead shapes
/// they were checked against, and the issues; rendered for the terminal or as JSON.
public struct FlowReport: Sendable, Codable {
    /// One definition read.
    public struct Definition: Sendable, Codable {
        /// File (and archive entry).
        public let origin: String
        /// The form it was read as.
        public let form: String
        /// The JSON pointer of the definition in its document.
        public let pointer: String
    }

    /// The file checked.
    public let file: String
    /// The definitions in it.
    public let definitions: [Definition]
    /// How many distinct lead shapes each was run against.
    public let leadShapes: Int
    /// The findings, errors first.
    public let issues: [FlowIssue]

    /// Checks every definition of `documents` with `checker`.
    public init(file: String, documents: [FlowDocument], checker: FlowChecker) {
        self.file = file
        definitions = documents.map {
            Definition(origin: $0.origin, form: $0.form.rawValue, pointer: $0.definitionPointer.description)
        }
        leadShapes = checker.payloads.count
        issues = checker.check(documents)
    }

    /// Errors: each loses leads.
    public var errors: Int { issues.filter { $0.severity == .error }.count }
    /// Warnings.
    public var warnings: Int { issues.count - errors }

    /// 0 when nothing loses a lead, 4 when something does (or, with `strict`, on a warning).
    public func exitStatus(strict: Bool) -> ExitStatus {
        errors > 0 || (strict && warnings > 0) ? .verificationFailed : .passed
    }

    /// The terminal rendering.
    public func text() -> String {
        var lines: [String] = []
        for definition in definitions {
            lines.append(
                "\(definition.origin): \(definition.form), definition at #\(definition.pointer.isEmpty ? "/" : definition.pointer)"
            )
        }
        lines.append(
            """
            checked against \(leadShapes) shapes of lead Microsoft sends (every variant and locale,\
             camelCase, absent customer fields left out or null, the Validate lead)
            """
        )
        lines.append("")
        for issue in issues {
            lines.append(
                "\(issue.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(issue.code.rawValue)  \(issue.origin)#\(issue.pointer)"
            )
            lines.append("        \(issue.message)")
            if let example = issue.example { lines.append("        e.g. \(example)") }
            lines.append("        fix: \(issue.hint)")
        }
        if !issues.isEmpty { lines.append("") }
        let verdict =
            errors > 0
            ? "real leads would be lost"
            : (warnings > 0 ? "no lead is lost; see the warnings" : "nothing in the flow loses a lead")
        lines.append(
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"): \(verdict)")
        return lines.joined(separator: "\n")
    }

    /// The JSON rendering.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
