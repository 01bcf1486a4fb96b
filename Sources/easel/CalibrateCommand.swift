import ArgumentParser
import Foundation
import Grading
import Rubric
import Store
import TerminalSafety

/// `easel calibrate --class NAME | --pool A,B | --all`: fit the built-in scorer to the teacher's reviews.
struct CalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the built-in scorer to the teacher's reviewed scores and store it as a new calibration.",
        discussion: """
            Per dimension, an offset and scale of the scorer's own score against the reviewed sub-scores \
            (accepted and edited); a ridge regression on the measurements only where cross-validation shows it \
            beats that on both error and rank. Needs at least \(Calibrator.minimumExamples) reviewed artworks. \
            Per class by default (--class): `easel grade` then uses it for that class. --pool A,B (or --all) \
            fits one calibration on classes the teacher marks as alike; it serves every class without its own. \
            Prints a plain-language verdict, then cross-validated MAE and rank correlation before and after.
            """)

    @Option(name: .customLong("class"), help: "Calibrate on this class's reviews.")
    var className: String?

    @Option(help: ArgumentHelp("Pool the reviews of these classes (comma-separated names).", valueName: "A,B"))
    var pool: String?

    @Flag(help: "Pool the reviews of every class.")
    var all = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard [className != nil, pool != nil, all].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --class NAME, --pool A,B or --all")
        }
    }

    func run() async throws {
        let store = try database.open()
        let classes =
            try all
            ? store.classes().map(\.record)
            : pool.map {
                try $0.split(separator: ",").map {
                    try store.requireClass(String($0).trimmingCharacters(in: .whitespaces))
                }
            }
                ?? [store.requireClass(className!)]
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
            scorerID: className == nil
                ? BuiltinScorer.identifier : BuiltinScorer.calibrationKey(classID: classes[0].id),
            coefficients: coefficients, n: result.examples,
            cvBefore: Self.flatten(result, \.before), cvAfter: Self.flatten(result, \.after))
        Console.out("\(lines: result.verdict)")
        Console.out("\(lines: result.summary)")
        Console.out(
            "saved as builtin calibration version \(saved.version) "
                + (className == nil ? "pooled over \(classes.count) classes; " : "for class \(classes[0].name); ")
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
