import Foundation
import Rubric

/// Scores a labelled set with the built-in scorer (calibrated on a training
/// set first, when one is given) and measures agreement with the labels.
///
/// Originality is measured within each set: a test artwork against the other
/// test artworks, a training artwork against the other training artworks.
public enum Evaluation {
    /// Decodes and measures every image of a set on all cores; a bad image is
    /// reported as `CSV:LINE: reason`. `progress` hears the count measured so far.
    public static func profiles(_ set: LabelSet, progress: ((Int) -> Void)? = nil) async throws -> [ArtworkProfile] {
        var profiles = [ArtworkProfile?](repeating: nil, count: set.entries.count)
        var done = 0
        try await Parallel.forEach(set.entries) { entry in
            do {
                return try ArtworkLoader.profile(
                    id: "\(entry.line)", contentsOf: entry.url, description: entry.description)
            } catch {
                throw GradingError.labels(file: set.path, line: entry.line, reason: String(describing: error))
            }
        } completed: { index, profile in
            profiles[index] = profile
            done += 1
            progress?(done)
        }
        return profiles.map { $0! }
    }

    /// Evaluates `test`, after calibrating on `train` when given.
    public static func run(test: LabelSet, train: LabelSet? = nil, progress: ((String, Int, Int) -> Void)? = nil)
        async throws -> EvaluationReport
    {
        var scorer = BuiltinScorer()
        var calibration: CalibrationResult?
        if let train {
            let profiles = try await Self.profiles(train) { progress?("train", $0, train.entries.count) }
            let context = ClassContext(profiles: profiles)
            let examples = zip(profiles, train.entries).map { profile, entry in
                Calibrator.Example(
                    measurements: scorer.measurements(for: profile, context: context), target: entry.scores)
            }
            do {
                calibration = try Calibrator.fit(examples)
            } catch GradingError.needsMoreReviews(let have, let need) {
                throw GradingError.labels(
                    file: train.path, line: 1,
                    reason: "calibration needs at least \(need) labelled images, the file has \(have)")
            }
            scorer = BuiltinScorer(map: calibration!.map, mapLabel: "eval")
        }
        let profiles = try await Self.profiles(test) { progress?("test", $0, test.entries.count) }
        let context = ClassContext(profiles: profiles)
        let predicted = zip(profiles, test.entries).map { profile, entry in
            scorer.assessment(for: profile, context: context, description: entry.description).scores
        }
        return EvaluationReport(
            files: test.entries.map(\.file), predicted: predicted, actual: test.entries.map(\.scores),
            calibration: calibration)
    }
}
