import ArgumentParser
import Foundation
import Reports
import Store
import TerminalSafety

/// `easel export html --class NAME [-o FILE]`: the printable class report; `--student NAME` or
/// `--each-student DIR`: one page per student for parents.
struct ExportHTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write the printable class report, or a page per student, as HTML (stdout unless -o is given).",
        discussion: "The class report has the histogram of final totals, the class mean per dimension, a summary "
            + "table, then each artwork with a thumbnail, a five-score profile, its scores and band words, whether "
            + "the teacher reviewed it, and the critique. --student NAME (part of the name is enough) writes one "
            + "student's page: the artwork, the scores with what their bands mean, the critique and the totals "
            + "over time; --each-student DIR writes one page per student of the class. Self-contained: no scripts, "
            + "nothing fetched; thumbnails are re-encoded PNGs without EXIF/GPS metadata. Print it from a browser.")

    @Option(name: .customLong("class"), help: "The class name.")
    var className: String

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of stdout.")
    var output: String?

    @Option(help: "One student's page (the name, or part of it; accents and case ignored).")
    var student: String?

    @Option(help: "Write one page per student of the class into this folder.")
    var eachStudent: String?

    @Flag(help: "Leave the thumbnails out (a smaller file).")
    var noImages = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard student == nil || eachStudent == nil else {
            throw ValidationError("give --student NAME or --each-student DIR, not both")
        }
        guard eachStudent == nil || output == nil else {
            throw ValidationError("--each-student writes into its folder; leave out -o")
        }
    }

    func run() throws {
        let store = try database.open()
        let record = try store.requireClass(className)
        let results = try store.results(classID: record.id)
        if student != nil || eachStudent != nil {
            try writeStudentPages(store: store, classRecord: record, results: results)
            return
        }
        let data = PrintableReport.html(className: record.name, results: results, thumbnails: thumbnails(results))
        if try Console.write(data, toFileOrStdout: output), let output {
            Console.error("wrote the report of \(results.count) artworks to \(output)")
        }
    }

    func writeStudentPages(store: Store, classRecord: ClassRecord, results: [ArtworkResult]) throws {
        let names = results.compactMap(\.studentName)
        var chosen = Array(Set(names)).sorted()
        if let student {
            chosen = StudentReport.matching(student, in: names)
            guard chosen.count == 1 else {
                let known = chosen.isEmpty ? Array(Set(names)).sorted() : chosen
                throw CommandFailure(
                    TextSanitizer.clean(
                        "\(chosen.isEmpty ? "no student" : "more than one student") in class \(classRecord.name) "
                            + "matches \"\(student)\"; use one of: \(known.joined(separator: ", "))"))
            }
        }
        let history = try store.classes().map(\.record).flatMap { other in
            try store.results(classID: other.id).map { StudentReport.Entry(className: other.name, result: $0) }
        }
        if let eachStudent {
            try FileManager.default.createDirectory(
                atPath: eachStudent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for name in chosen {
            let shown = results.filter { $0.studentName == name }
            let page = StudentReport.html(
                student: name, shown: shown.map { StudentReport.Entry(className: classRecord.name, result: $0) },
                history: history.filter { $0.result.studentName == name }, thumbnails: thumbnails(shown))
            if let eachStudent {
                let path = (eachStudent as NSString).appendingPathComponent(StudentReport.fileName(for: name))
                try AtomicFile.write(page, to: path)
            } else if try Console.write(page, toFileOrStdout: output), let output {
                Console.error("wrote the page of \(name) to \(output)")
            }
        }
        if let eachStudent {
            Console.error("wrote \(chosen.count) student pages to \(eachStudent)")
        }
    }

    func thumbnails(_ results: [ArtworkResult]) -> [Int64: Data] {
        guard !noImages else { return [:] }
        var thumbnails: [Int64: Data] = [:]
        for result in results {
            do {
                thumbnails[result.artwork.id] = try PrintableReport.thumbnail(of: result.artwork)
            } catch {
                Console.error("\(result.artwork.filePath): \(error); printed without it")
            }
        }
        return thumbnails
    }
}
