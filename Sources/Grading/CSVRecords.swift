/// A small RFC 4180 reader: comma-separated fields, double-quoted fields that
/// may hold commas, quotes (doubled) and line breaks; CRLF or LF line ends;
/// a leading UTF-8 byte-order mark is ignored.
enum CSVRecords {
    /// One record and the line it starts on (1-based).
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// Splits text into records. Blank lines are skipped.
    /// - Throws: a message and line when a quoted field is never closed.
    static func parse(_ text: String) throws(CSVSyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" {
                // CRLF: the \n ends the record.
            } else if c == "\n" || c == "\r" {
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if inQuotes { throw CSVSyntaxError(line: recordLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}

/// A CSV syntax problem at a line.
struct CSVSyntaxError: Error {
    var line: Int
    var message: String
}
