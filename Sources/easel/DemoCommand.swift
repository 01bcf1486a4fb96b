import ArgumentParser
import Foundation
import Store
import TerminalSafety

/// `easel demo`: the main job on the bundled Samples: import, grade, then review or summarise.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Import the bundled Samples into class 'demo', grade them, then review (on a terminal) or "
            + "print the class summary.")

    @Option(help: "The Samples folder (default: ./Samples, else the one beside the easel executable).")
    var samples: String?

    @Option(name: .customLong("class"), help: "The class to import into.")
    var className = "demo"

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let folder = try samples ?? DemoCommand.findSamples()
        let store = try database.open()
        Console.error("database: \(store.path)")
        let report = try ImportCommand.importFolder(folder, className: className, store: store, verbose: false)
        Console.out(ImportCommand.summary(report))
        do {
            let grade = try GradeCommand.parse(["--class", className, "--db", store.path])
            try await grade.run()
        } catch let exit as ExitCode where exit != .success {
            Console.error("grading: some artworks could not be graded (see above); going on with the rest")
        }
        if Console.stdinIsTerminal, Console.stdoutIsTerminal {
            let review = try ReviewCommand.parse(["--class", className, "--db", store.path])
            try review.run()
            return
        }
        let record = try store.requireClass(className)
        Console.out(StatusCommand.summary(of: try store.statusCounts(classID: record.id), className: record.name))
        Console.out(DemoCommand.table(try store.results(classID: record.id)))
        Console.out("Review it in a terminal with: easel review --class \(className)")
        Console.out("Export it with: easel export csv --class \(className)")
    }

    /// A short table of a class: file, student, total, band, status.
    static func table(_ results: [ArtworkResult]) -> TerminalText {
        let rows = results.map { result -> [String] in
            [
                result.artwork.fileName, result.studentName ?? "",
                result.finalScores.map { String($0.total) } ?? "-",
                result.finalScores.map { $0.totalBand.word } ?? "-", result.status.rawValue,
            ]
        }
        return TextTable.render(header: ["file", "student", "total", "band", "status"], rows: rows)
    }

    /// The Samples folder: `./Samples`, else one next to the executable or any folder above it.
    static func findSamples() throws -> String {
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder.path)
            folder.deleteLastPathComponent()
        }
        for candidate in candidates {
            let samples = (candidate as NSString).appendingPathComponent("Samples")
            if FileManager.default.fileExists(atPath: (samples as NSString).appendingPathComponent("class.csv")) {
                return samples
            }
        }
        throw CommandFailure(
            "cannot find the Samples folder (looked in the current folder and beside the executable); "
                + "run from the Easel checkout or pass --samples PATH")
    }
}
