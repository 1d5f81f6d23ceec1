import LeadModel

/// A CSV file as RFC 4180 writes it — fields in double quotes may hold commas, line breaks and
/// doubled quotes; CRLF or LF line ends; a leading byte-order mark ignored — read into a header
/// row and data rows.
public struct CSVTable: Sendable, Hashable {
    public var header: [String]
    /// Each data row with the 1-based line it starts on.
    public var rows: [(line: Int, fields: [String])]

    public static func == (lhs: CSVTable, rhs: CSVTable) -> Bool {
        lhs.header == rhs.header && lhs.rows.map(\.line) == rhs.rows.map(\.line)
            && lhs.rows.map(\.fields) == rhs.rows.map(\.fields)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(header)
        for row in rows { hasher.combine(row.fields) }
    }

    /// Parses `text`; `file` names it in errors.
    public init(parsing text: String, file: String) throws(LeadCheckError) {
        var records: [(line: Int, fields: [String])] = []
        var field = ""
        var fields: [String] = []
        var quoted = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var characters = Array(text)
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var index = 0
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            field = ""
            fields = []
            afterQuote = false
        }
        while index < characters.count {
            let c = characters[index]
            if quoted {
                if c == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty && !afterQuote {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
                afterQuote = false
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                endRecord()
                line += 1
                recordLine = line
            } else {
                guard !afterQuote else {
                    throw .invalidInput(
                        location: "\(file):\(line)",
                        reason: "text after a closing quote (a field in quotes must end at the quote)")
                }
                field.append(c)
            }
            index += 1
        }
        if quoted { throw .invalidInput(location: "\(file):\(recordLine)", reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else { throw .invalidInput(location: file, reason: "no header row") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
    }
}
