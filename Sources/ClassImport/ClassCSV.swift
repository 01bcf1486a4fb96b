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
    /// The student's ID in the school's gradebook, from an optional `id` or `student_id` column (empty when none).
    public var studentID: String

    /// Creates a row.
    public init(
        file: String, student: String, title: String, description: String, line: Int, studentID: String = ""
    ) {
        self.file = file
        self.student = student
        self.title = title
        self.description = description
        self.line = line
        self.studentID = studentID
    }
}

/// Reads `class.csv`: RFC 4180 (quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF),
/// UTF-8 with or without a byte-order mark, header `file,student,title,description` in any order and
/// letter case, an optional `student_id` (or `id`) column, extra columns ignored. Anything malformed is an error naming the line.
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
        let idColumn = index["student_id"] ?? index["id"]
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
            let studentID = idColumn.flatMap { $0 < record.fields.count ? record.fields[$0] : nil } ?? ""
            rows.append(
                ClassCSVRow(
                    file: file, student: value("student"), title: value("title"), description: value("description"),
                    line: record.line, studentID: studentID.trimmingCharacters(in: .whitespacesAndNewlines)))
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
