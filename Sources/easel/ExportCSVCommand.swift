import ArgumentParser
import Foundation
import Reports
import Store
import TerminalSafety

/// `easel export csv --class NAME [-o FILE]`: the class report as CSV.
struct ExportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Write the class report as CSV (stdout unless -o is given).",
        discussion: "Columns: \(ClassReport.columns.joined(separator: ",")). Final scores are the teacher's where "
            + "reviewed, else the latest assessment's.")

    @Option(name: .customLong("class"), help: "The class name.")
    var className: String

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of stdout.")
    var output: String?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let record = try store.requireClass(className)
        let data = try ClassReport.csv(try store.results(classID: record.id))
        if try Console.write(data, toFileOrStdout: output), let output {
            let rows = try store.statusCounts(classID: record.id).imported
            Console.error("wrote \(rows) rows to \(output)")
        }
    }
}
