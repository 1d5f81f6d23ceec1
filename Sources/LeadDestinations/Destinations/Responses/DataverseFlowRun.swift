/// A row of Dataverse's `flowrun` table (docs/reference/flows.md §5, [DOC] powerapps-docs flowrun.md): the run
/// id in `name`, `status`, `errorcode`, `errormessage`, `clienttrackingid`.
struct DataverseFlowRun: Decodable, Sendable {
    /// `{"value":[…]}`.
    struct List: Decodable, Sendable {
        let value: [DataverseFlowRun]
    }

    let name: String?
    let status: String?
    let errorcode: String?
    let errormessage: String?
    let clienttrackingid: String?
}
