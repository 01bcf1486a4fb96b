import Rubric

/// A fitted calibration: the new map and how well it did against the old one.
public struct CalibrationResult: Codable, Sendable, Hashable {
    /// How one dimension's fit went.
    public struct DimensionFit: Codable, Sendable, Hashable {
        /// The dimension.
        public var dimension: Dimension
        /// The ridge penalty chosen by cross-validation.
        public var lambda: Double
        /// The baseline map's agreement with the teacher (it was not fitted to these examples).
        public var before: MetricSummary
        /// The calibrated map's cross-validated agreement with the teacher.
        public var after: MetricSummary
        /// Whether the fit did not beat the baseline, so the baseline's row was kept.
        public var keptBaseline: Bool
    }

    /// The calibrated map.
    public var map: LinearMap
    /// The number of reviewed artworks used.
    public var examples: Int
    /// The number of cross-validation folds.
    public var folds: Int
    /// Per-dimension results, in rubric order.
    public var dimensions: [DimensionFit]

    /// A table comparing cross-validated MAE and Pearson before and after.
    public var summary: String {
        func f(_ v: Double?, _ digits: Int) -> String {
            guard let v else { return "–" }
            let scale = digits == 2 ? 100.0 : 1000.0
            return String((v * scale).rounded() / scale)
        }
        var lines = [
            "calibrated on \(examples) artworks with human scores, \(folds)-fold cross-validation",
            "dimension      MAE before  MAE after  r before  r after  lambda",
        ]
        for fit in dimensions {
            let name = fit.dimension.rawValue.padding(14)
            lines.append(
                "\(name) \(f(fit.before.mae, 2).padding(11)) \(f(fit.after.mae, 2).padding(10)) "
                    + "\(f(fit.before.pearson, 3).padding(9)) \(f(fit.after.pearson, 3).padding(8)) \(fit.lambda)"
                    + (fit.keptBaseline ? "  (no gain: the default row is kept)" : ""))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
