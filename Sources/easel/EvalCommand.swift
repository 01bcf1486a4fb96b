import ArgumentParser
import Foundation
import Grading
import TerminalSafety

/// `easel eval --labels TEST.csv [--train TRAIN.csv] [--json]`.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the built-in scorer against human scores: Pearson, Spearman, MAE, RMSE, ICC(2,1).",
        discussion: """
            A labels CSV has the header file,originality,color,texture,composition,content (an optional \
            description column may follow); files are relative to the CSV, scores 0–20 with decimals allowed. \
            With --train, the scorer is first calibrated on TRAIN.csv.
            """)

    @Option(help: ArgumentHelp("The labelled test set.", valueName: "TEST.csv"))
    var labels: String

    @Option(help: ArgumentHelp("A labelled set to calibrate on first.", valueName: "TRAIN.csv"))
    var train: String?

    @Flag(help: "Also list every file's predicted and labelled scores.")
    var details = false

    @Flag(help: "Print one JSON object: {n, total, dimensions} with pearson, spearman, mae, rmse, icc.")
    var json = false

    func run() async throws {
        let test = try LabelSet(path: labels)
        let trainSet = try train.map { try LabelSet(path: $0) }
        var reporter: (label: String, bar: ProgressReporter)?
        let report = try await Evaluation.run(test: test, train: trainSet) { label, done, total in
            if reporter?.label != label {
                reporter?.bar.finish()
                reporter = (label, ProgressReporter(label: "measuring \(label)", total: total))
            }
            reporter?.bar.advance()
        }
        reporter?.bar.finish()
        if json {
            Console.out("\(lines: try report.json())")
            return
        }
        if let calibration = report.calibration {
            Console.out("calibrated on \(train!): \(calibration.examples) labelled images")
            Console.out("\(lines: calibration.verdict)")
            Console.out("\(lines: calibration.summary)")
        } else {
            Console.out("default map (no --train)")
        }
        if details { Console.out("\(lines: report.details)") }
        Console.out("\(lines: report.table)")
    }
}
