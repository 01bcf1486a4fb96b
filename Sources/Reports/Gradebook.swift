import Foundation
import Store

/// The gradebook shape: one row per student, one column per class (assignment) holding the student's final total
/// there, as gradebooks import it. A student is the same person across classes when the gradebook ID
/// (`class.csv`'s `id`/`student_id`) matches, else when the name does.
public enum Gradebook {
    /// One class and the grades of its artworks.
    public struct Assignment: Sendable, Hashable {
        /// The class's name (the column header).
        public var name: String
        /// Its artworks' grades.
        public var results: [ArtworkResult]

        /// Creates an assignment.
        public init(name: String, results: [ArtworkResult]) {
            self.name = name
            self.results = results
        }
    }

    /// The header and rows (students in order of first appearance, then by name within a class's review order).
    /// A cell is the final total, the mean with one decimal when the student has several artworks in the class, or
    /// empty; `not_reviewed` counts the totals that are still the scorer's suggestion.
    public static func table(_ assignments: [Assignment]) -> (header: [String], rows: [[String]]) {
        struct Student {
            var id: String
            var name: String
            var totals: [Int: [Int]] = [:]
            var suggested = 0
        }
        var students: [Student] = []
        var index: [String: Int] = [:]
        for (column, assignment) in assignments.enumerated() {
            for result in assignment.results {
                guard let name = result.studentName, !name.isEmpty else { continue }
                let id = result.studentExternalID ?? ""
                let key = id.isEmpty ? "name:" + name : "id:" + id
                if index[key] == nil {
                    index[key] = students.count
                    students.append(Student(id: id, name: name))
                }
                guard let total = result.finalScores?.total, let i = index[key] else { continue }
                students[i].totals[column, default: []].append(total)
                if result.status == .unreviewed { students[i].suggested += 1 }
            }
        }
        let header = ["student_id", "student"] + assignments.map(\.name) + ["not_reviewed"]
        let rows = students.map { student in
            [student.id, student.name]
                + assignments.indices.map { column -> String in
                    guard let totals = student.totals[column], !totals.isEmpty else { return "" }
                    if totals.count == 1 { return String(totals[0]) }
                    return String(format: "%.1f", Double(totals.reduce(0, +)) / Double(totals.count))
                } + [String(student.suggested)]
        }
        return (header, rows)
    }

    /// The gradebook as CSV bytes (UTF-8, a byte-order mark unless `byteOrderMark` is false, CRLF).
    public static func csv(_ assignments: [Assignment], byteOrderMark: Bool = true) throws -> Data {
        let (header, rows) = table(assignments)
        return try ClassReport.encode(header: header, rows: rows, byteOrderMark: byteOrderMark)
    }
}
