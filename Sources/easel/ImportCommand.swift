import ArgumentParser
import ClassImport
import Foundation
import Store
import TerminalSafety

/// `easel import DIR --class NAME`: bring a folder of artwork photos into a class.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a folder of artwork images (JPEG, PNG) into a class.",
        discussion: """
            Images are the folder's .jpg, .jpeg and .png files (any letter case), checked by content. Students, \
            titles and descriptions come from an optional class.csv (header file,student,title,description) or \
            a sidecar NAME.txt per image. Importing again adds nothing; changed descriptions are updated. Each \
            bad file is reported as 'file: reason'; the exit status is 1 when any file failed.
            """)

    @Argument(help: "The folder holding the class's images.")
    var folder: String

    @Option(name: .customLong("class"), help: "The class to import into (created when missing).")
    var className: String

    @Flag(name: .shortAndLong, help: "Print each file's outcome on stdout as it is stored.")
    var verbose = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let report = try ImportCommand.importFolder(folder, className: className, store: store, verbose: verbose)
        Console.out(ImportCommand.summary(report))
        if report.hasFailures { throw ExitCode(1) }
    }

    /// Runs an import with failures and warnings on stderr as they happen, and progress on large folders.
    static func importFolder(_ folder: String, className: String, store: Store, verbose: Bool) throws -> ImportReport {
        let progress = ProgressLine(label: "importing")
        let report = try ClassImporter(store: store).importFolder(folder, className: className) {
            file, outcome, done, total in
            if outcome.hasPrefix("failed: ") {
                progress.clear()
                Console.error("\(file): \(outcome.dropFirst("failed: ".count))")
            } else if verbose {
                Console.out("\(outcome.split(separator: " ").first ?? "") \(file)")
            }
            if total >= 50 { progress.update(done: done, total: total) }
        }
        progress.finish()
        for warning in report.warnings { Console.error("warning: \(warning)") }
        return report
    }

    /// The closing lines of an import.
    static func summary(_ report: ImportReport) -> TerminalText {
        var lines: [TerminalText] = [
            "class \(report.className): \(report.added.count) added, \(report.updated.count) updated, "
                + "\(report.unchanged.count) unchanged, \(report.failures.count) failed"
        ]
        if !report.replaced.isEmpty {
            lines.append(
                "\(report.replaced.count) picture(s) replaced by a new photo of the same file (earlier scores kept in "
                    + "the history), to grade again: \(report.replaced.joined(separator: ", "))")
        }
        if !report.skipped.isEmpty {
            let names = report.skipped.joined(separator: ", ")
            lines.append("skipped \(report.skipped.count) other file(s), not JPEG or PNG by name: \(names)")
        }
        if report.hasFailures {
            lines.append("failed: \(report.failures.map(\.file).joined(separator: ", "))")
        }
        return .lines(lines)
    }
}
