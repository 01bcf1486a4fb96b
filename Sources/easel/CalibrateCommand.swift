import ArgumentParser
import Foundation
import Grading
import Rubric
import Store
import TerminalSafety

/// `easel calibrate --class NAME | --all`: fit the built-in scorer to the teacher's reviews.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the built-in scorer to the teacher's reviewed scores and store it as a new calibration.",
        discussion: """
            Per dimension, a ridge regression from the built-in measurements to the reviewed sub-scores \
            (accepted and edited), its penalty chosen by cross-validation. Needs at least \
            \(Calibrator.minimumExamples) reviewed artworks. Prints cross-validated MAE and Pearson r before \
            (default map) and after; `easel grade` then uses the newest calibration.
            """)

    @Option(name: .customLong("class"), help: "Calibrate on this class's reviews.")
    var className: String?

    @Flag(help: "Calibrate on the reviews of every class.")
    var all = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (className != nil) != all else { throw ValidationError("give either --class NAME or --all") }
    }

    func run() async throws {
        let store = try database.open()
        let classes = try all ? store.classes().map(\.record) : [store.requireClass(className!)]
        var examples: [Calibrator.Example] = []
        let scorer = BuiltinScorer()
        for record in classes {
            let reviews = try store.reviews(classID: record.id)
            guard !reviews.isEmpty else { continue }
            let grader = ClassGrader(store: store, classID: record.id, scorer: scorer)
            var progress: ProgressReporter?
            let prepared = try await grader.prepare { done, total in
                if progress == nil { progress = ProgressReporter(label: "measuring", total: total) }
                if done > 0 { progress?.advance() }
            }
            progress?.finish()
            let context = prepared.context
            for artwork in prepared.artworks {
                guard let review = reviews[artwork.id], let profile = context.profile(id: artwork.sha256) else {
                    continue
                }
                examples.append(
                    Calibrator.Example(
                        measurements: scorer.measurements(for: profile, context: context),
                        target: review.scores.values.map(Double.init)))
            }
            for reason in context.unreadable.values.sorted() {
                Console.error("skipped: \(reason)")
            }
        }
        let result = try Calibrator.fit(examples)
        let coefficients = String(decoding: try JSONEncoder().encode(result.map), as: UTF8.self)
        let saved = try store.addCalibration(
            scorerID: BuiltinScorer.identifier, coefficients: coefficients, n: result.examples,
            cvBefore: Self.flatten(result, \.before), cvAfter: Self.flatten(result, \.after))
        Console.out("\(lines: result.summary)")
        Console.out(
            "saved as builtin calibration version \(saved.version); "
                + "`easel grade --class NAME --force` regrades with it")
    }

    /// Metrics as the store keeps them: the mean over dimensions ("mae", "pearson") and each dimension's
    /// ("color.mae", "color.pearson").
    static func flatten(
        _ result: CalibrationResult, _ side: KeyPath<CalibrationResult.DimensionFit, MetricSummary>
    ) -> [String: Double] {
        var out: [String: Double] = [:]
        var maes: [Double] = [], rs: [Double] = []
        for fit in result.dimensions {
            let m = fit[keyPath: side]
            if let mae = m.mae {
                out["\(fit.dimension.rawValue).mae"] = mae
                maes.append(mae)
            }
            if let r = m.pearson {
                out["\(fit.dimension.rawValue).pearson"] = r
                rs.append(r)
            }
        }
        if !maes.isEmpty { out["mae"] = maes.reduce(0, +) / Double(maes.count) }
        if !rs.isEmpty { out["pearson"] = rs.reduce(0, +) / Double(rs.count) }
        return out
    }
}
