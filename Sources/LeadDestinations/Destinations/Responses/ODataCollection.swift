/// An OData collection answer, `{"value":[…]}`: a Table query page (docs/reference/azure-table.md §4) and a
/// Dataverse `$filter` result (docs/reference/dynamics.md §4) alike; paging links stay outside it (Table
/// pages by headers, leadcheck's Dataverse queries fit one page).
struct ODataCollection<Element: Decodable & Sendable>: Decodable, Sendable {
    let value: [Element]
}
