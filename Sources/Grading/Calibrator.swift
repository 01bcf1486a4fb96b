import Rubric

/// Fits the built-in scorer's linear map to a teacher's reviewed scores.
///
/// Per dimension, a ridge regression from that dimension's normalised
/// features to the teacher's sub-scores, with the penalty chosen by k-fold
/// cross-validation (k = 5, or n when smaller). The report compares the
/// cross-validated error of the fit with the error of the map it replaces;
/// a dimension whose fit does not lower the MAE keeps the baseline's row.
public enum Calibrator {
    /// Calibration refuses to run with fewer reviewed artworks than this.
    public static let minimumExamples = 10
    /// The ridge penalties tried.
    public static let lambdas: [Double] = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100]

    /// One reviewed artwork: its measurements (originality filled in) and the teacher's scores.
    public struct Example: Sendable {
        /// The artwork's measurements.
        public var measurements: Measurements
        /// The teacher's sub-scores, in ``Dimension/allCases`` order (0–20, decimals allowed).
        public var target: [Double]

        /// Creates an example.
        public init(measurements: Measurements, target: [Double]) {
            precondition(target.count == Dimension.allCases.count, "one target per dimension")
            self.measurements = measurements
            self.target = target
        }
    }

    /// Fits a new map.
    /// - Parameters:
    ///   - examples: at least ``minimumExamples`` reviewed artworks.
    ///   - baseline: the map the result is compared against (the default map unless said otherwise).
    ///   - folds: the number of cross-validation folds.
    /// - Throws: ``GradingError/needsMoreReviews(have:need:)`` below the minimum.
    public static func fit(_ examples: [Example], baseline: LinearMap = .default, folds: Int = 5) throws
        -> CalibrationResult
    {
        guard examples.count >= minimumExamples else {
            throw GradingError.needsMoreReviews(have: examples.count, need: minimumExamples)
        }
        let k = min(folds, examples.count)
        var rows: [LinearMap.Row] = []
        var fits: [CalibrationResult.DimensionFit] = []
        for (di, d) in Dimension.allCases.enumerated() {
            let features = Measure.features(of: d)
            let x = examples.map { e in features.map { e.measurements.normalized($0) } }
            let y = examples.map { $0.target[di] }
            var best: (lambda: Double, mse: Double, predictions: [Double])?
            for lambda in lambdas {
                guard let predictions = try? crossValidated(x: x, y: y, lambda: lambda, folds: k) else { continue }
                let mse = zip(predictions, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                if best == nil || mse < best!.mse { best = (lambda, mse, predictions) }
            }
            guard let best else { throw GradingError.singular("the \(d.title.lowercased()) calibration") }
            let fit = try Ridge.fit(x: x, y: y, lambda: best.lambda)
            let before = MetricSummary(
                predicted: examples.map { clamp(baseline[d].predict($0.measurements)) }, actual: y)
            let after = MetricSummary(predicted: best.predictions, actual: y)
            // A fit that does not beat the baseline out of sample is not used: calibration never makes a dimension worse.
            let keepBaseline = (after.mae ?? .infinity) >= (before.mae ?? .infinity)
            rows.append(
                keepBaseline
                    ? baseline[d]
                    : LinearMap.Row(dimension: d, features: features, intercept: fit.intercept, weights: fit.weights))
            fits.append(
                CalibrationResult.DimensionFit(
                    dimension: d, lambda: best.lambda, before: before, after: after, keptBaseline: keepBaseline))
        }
        return CalibrationResult(map: LinearMap(rows: rows), examples: examples.count, folds: k, dimensions: fits)
    }

    /// Out-of-fold predictions (clamped to 0–20): fold f holds the examples i with i mod k = f.
    static func crossValidated(x: [[Double]], y: [Double], lambda: Double, folds k: Int) throws -> [Double] {
        var predictions = [Double](repeating: 0, count: y.count)
        for f in 0..<k {
            let train = y.indices.filter { $0 % k != f }
            let fit = try Ridge.fit(x: train.map { x[$0] }, y: train.map { y[$0] }, lambda: lambda)
            for i in y.indices where i % k == f { predictions[i] = clamp(fit.predict(x[i])) }
        }
        return predictions
    }

    static func clamp(_ v: Double) -> Double { min(Double(Scores.maximum), max(0, v)) }
}
