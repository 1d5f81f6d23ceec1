import Foundation
import LeadFlowFiles
import LeadFlows
import LeadModel

extension ConfigNode {
    /// `flow: FILE`: the definitions in the exported flow, the path taken relative to the config
    /// file's folder; a file that is not a flow is a config error naming this key.
    func flow() throws(LeadCheckError) -> [FlowDocument] {
        let given = try string()
        let path =
            given.hasPrefix("/")
            ? given : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(given).path
        do {
            return try FlowFileReader.read(path: path)
        } catch {
            throw self.error("cannot use '\(given)' as the endpoint's flow: \(error.message)")
        }
    }
}
