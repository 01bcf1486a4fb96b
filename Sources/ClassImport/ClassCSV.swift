import Foundation

/// One row of `class.csv`: which student made the artwork in `file`, its title and description.
public struct ClassCSVRow: Sendable, Hashable {
    /// The image's file name in the class folder.
    public var file: String
    /// The student's name (empty when not given).
    public var student: String
    /// The title (empty when not given).
    public var title: String
    /// The description (empty when not given).
    public var description: String
    /// The line of the file where the row starts, 1-based.
    public var line: Int

    /// Creates a row.
    public init(file: String, student: String, title: String, description: String, line: Int) {
        self.file = file
        self.student = student
        self.title = title
        self.description = description
        self.line = line
    }
}

/// Reads `class.csv`: RFC 4180 (quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF),
/// UTF-8 with or without a byte-order mark, header `file,student,title,description` in any order and
/// letter case, extra columns ignored. Anything malformed is an error naming the line.
public enum ClassCSV {
    /// The columns the header must have.
    public static let columns = ["file", "student", "title", "description"]

    /// Parses the file's bytes; `name` is used in error messages.
    public static func parse(_ data: Data, name: String = "class.csv") throws -> [ClassCSVRow] {
        let scalars = try decodeUTF8(data, name: name)
        let records = try CSVRecordParser(scalars: scalars, name: name).records()
        guard let header = records.first else { return [] }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for (i, column) in names.enumerated() where index[column] == nil { index[column] = i }
        let missing = columns.filter { index[$0] == nil }
        if !missing.isEmpty {
            throw ClassImportError.csv(
                file: name, line: header.line,
                message: "missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")); "
                    + "the header must be file,student,title,description")
        }
        var rows: [ClassCSVRow] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            func value(_ column: String) -> String {
                let i = index[column]!
                return i < record.fields.count ? record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            let file = value("file")
            if file.isEmpty {
                throw ClassImportError.csv(file: name, line: record.line, message: "the file column is empty")
            }
            if file.contains("/") {
                throw ClassImportError.csv(
                    file: name, line: record.line,
                    message: "\"\(file)\" is a path; give only the file name of an image in the folder")
            }
            if let first = seen[file.lowercased()] {
                throw ClassImportError.csv(
                    file: name, line: record.line, message: "\(file) is listed twice (also on line \(first))")
            }
            seen[file.lowercased()] = record.line
            rows.append(
                ClassCSVRow(
                    file: file, student: value("student"), title: value("title"), description: value("description"),
                    line: record.line))
        }
        return rows
    }

    /// Decodes UTF-8, dropping a leading byte-order mark; invalid bytes are an error naming the line.
    static func decodeUTF8(_ data: Data, name: String) throws -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(data.count)
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var line = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\n" { line += 1 }
                scalars.append(scalar)
            case .emptyInput:
                if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
                return scalars
            case .error:
                throw ClassImportError.csv(
                    file: name, line: line, message: "not valid UTF-8; save the file as CSV UTF-8")
            }
        }
    }
}

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
