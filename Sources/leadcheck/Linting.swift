import Foundation
import LeadDestinations
import LeadFiles
import LeadModel

/// The Partner Center checks (`lint`) over what a command was given: a config's text and, when
/// given, a Partner Center document. `lint` prints them; `verify` and `canary` put them first
/// in their reports.
enum Linting {
    static func findings(configText: String?, configFile: String, partnerCenter: String?, environment: [String: String])
        throws(LeadCheckError) -> [Finding]
    {
        var entries: [LintEntry] = []
        var matrix = LeadMatrix.documented
        var matrixLocation = configFile
        if let configText {
            let read = try ConfigLint.read(yaml: configText, file: configFile, environment: environment)
            entries = read.entries
            (matrix, matrixLocation) = (read.matrix, read.matrixLocation)
        }
        if let partnerCenter {
            // Partner Center's document names the one destination it writes to.
            entries = try ConfigLint.read(
                partnerCenter: try InputFile.read(partnerCenter, maxBytes: PartnerCenterImport.maxBytes),
                file: partnerCenter)
        }
        return ConfigLint.findings(entries, matrix: matrix, matrixLocation: matrixLocation)
    }

    /// The same checks for a run's report: without what concerns only a local test (a loopback
    /// endpoint's http:// URL) and the Test Drive warning, which the report already carries on
    /// each Test Drive lead (`deprecated`).
    static func runFindings(
        configText: String?, configFile: String, partnerCenter: String?, environment: [String: String]
    ) throws(LeadCheckError) -> [Finding] {
        try findings(
            configText: configText, configFile: configFile, partnerCenter: partnerCenter, environment: environment
        ).filter { finding in
            !(finding.code == .configRejected && finding.severity == .warning)
                && !(finding.code == .configDeprecated && finding.destination == "config")
        }
    }

    /// A config file's text, with the same size limit the loader keeps.
    static func text(of path: String) throws(LeadCheckError) -> String {
        String(decoding: try InputFile.read(path, maxBytes: 1 << 20), as: UTF8.self)
    }
}
