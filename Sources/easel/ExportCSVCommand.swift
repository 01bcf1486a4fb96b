import ArgumentParser
import Foundation
import Reports
import Store
import TerminalSafety

/// `easel export csv --class NAME [-o FILE]`: the class report as CSV; `--gradebook`: one row per student.
struct ExportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Write the class report as CSV (stdout unless -o is given).",
        discussion: "Columns: \(ClassReport.columns.joined(separator: ",")). Final scores are the teacher's where "
            + "reviewed, else the latest assessment's. With --gradebook: one row per student (student_id, student, "
            + "one column per class with the final total, not_reviewed), for every class unless --class is given.")

    @Option(name: .customLong("class"), help: "The class name (every class for --gradebook when omitted).")
    var className: String?

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(help: "One row per student and one column per class total, as gradebooks import.")
    var gradebook = false

    @Flag(help: "Leave out the UTF-8 byte-order mark (Excel needs it to read accented names right).")
    var noBom = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard gradebook || className != nil else { throw ValidationError("give --class NAME (or --gradebook)") }
    }

    func run() throws {
        let store = try database.open()
        if gradebook {
            let records =
                try className.map { [try store.requireClass($0)] }
                ?? store.classes().map(\.record).sorted { $0.createdAt < $1.createdAt }
            let assignments = try records.map {
                Gradebook.Assignment(name: $0.name, results: try store.results(classID: $0.id))
            }
            let data = try Gradebook.csv(assignments, byteOrderMark: !noBom)
            if try Console.write(data, toFileOrStdout: output), let output {
                let rows = Gradebook.table(assignments).rows.count
                Console.error("wrote \(rows) students × \(assignments.count) classes to \(output)")
            }
            return
        }
        let record = try store.requireClass(className ?? "")
        let data = try ClassReport.csv(try store.results(classID: record.id), byteOrderMark: !noBom)
        if try Console.write(data, toFileOrStdout: output), let output {
            let rows = try store.statusCounts(classID: record.id).imported
            Console.error("wrote \(rows) rows to \(output)")
        }
    }
}
