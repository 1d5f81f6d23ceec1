/// An OData collection answer, `{"value":[…]}`: a Table query page (destinations.md §2.4) and a
/// Dataverse `$filter` result (destinations.md §3.4) alike; paging links stay outside it (Table
/// pages by headers, leadcheck's Dataverse queries fit one page).
struct ODataCollection<Element: Decodable & Sendable>: Decodable, Sendable {
    let value: [Element]
}
