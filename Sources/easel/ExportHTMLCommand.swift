import ArgumentParser
import Foundation
import Reports
import Store
import TerminalSafety

/// `easel export html --class NAME [-o FILE]`: the printable class report.
struct ExportHTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write the printable class report as one HTML page (stdout unless -o is given).",
        discussion: "A summary table, then each artwork with a thumbnail, its final scores and band words, its "
            + "review status and critique. Self-contained: no scripts, nothing fetched; thumbnails are re-encoded "
            + "PNGs without EXIF/GPS metadata. Print it from a browser.")

    @Option(name: .customLong("class"), help: "The class name.")
    var className: String

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(help: "Leave the thumbnails out (a smaller file).")
    var noImages = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        let record = try store.requireClass(className)
        let results = try store.results(classID: record.id)
        var thumbnails: [Int64: Data] = [:]
        if !noImages {
            for result in results {
                do {
                    thumbnails[result.artwork.id] = try PrintableReport.thumbnail(path: result.artwork.filePath)
                } catch {
                    Console.error("\(result.artwork.filePath): \(error); printed without it")
                }
            }
        }
        let data = PrintableReport.html(className: record.name, results: results, thumbnails: thumbnails)
        if try Console.write(data, toFileOrStdout: output), let output {
            Console.error("wrote the report of \(results.count) artworks to \(output)")
        }
    }
}
