/// The record layer of RFC 4180: scalars in, records of fields out, with the line each record starts on.
struct CSVRecordParser {
    struct Record {
        var fields: [String]
        var line: Int
    }

    let scalars: [Unicode.Scalar]
    let name: String

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    func records() throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var i = 0
        func fail(_ message: String, at line: Int) -> ClassImportError {
            .csv(file: name, line: line, message: message)
        }
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            state = .fieldStart
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(fields: fields, line: recordLine)) }
            fields = []
        }
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if c == "\0" { throw fail("contains a NUL character; the file is not a text CSV", at: line) }
            let isBreak = c == "\n" || c == "\r"
            if isBreak, state != .quoted {
                if c == "\r", i < scalars.count, scalars[i] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
                continue
            }
            if c == "\n" || (c == "\r" && (i >= scalars.count || scalars[i] != "\n")) { line += 1 }
            switch state {
            case .fieldStart:
                if c == "\"" {
                    state = .quoted
                    quoteLine = line
                } else if c == "," {
                    endField()
                } else {
                    field.append(c)
                    state = .unquoted
                }
            case .unquoted:
                if c == "," {
                    endField()
                } else if c == "\"" {
                    throw fail(
                        "a quote inside an unquoted field; put the whole field in quotes and double the quote", at: line
                    )
                } else {
                    field.append(c)
                }
            case .quoted:
                if c == "\"" {
                    if i < scalars.count, scalars[i] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        state = .afterQuote
                    }
                } else {
                    field.append(c)
                }
            case .afterQuote:
                if c == "," {
                    endField()
                } else {
                    throw fail("text after a closing quote; write a quote inside a quoted field as \"\"", at: line)
                }
            }
        }
        if state == .quoted { throw fail("a quoted field starts here and is never closed", at: quoteLine) }
        if state != .fieldStart || !fields.isEmpty || !field.isEmpty { endRecord() }
        return records
    }
}
