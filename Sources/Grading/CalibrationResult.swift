import Foundation
import Rubric

/// A fitted calibration: the new map and how well it did against the old one.
public struct CalibrationResult: Codable, Sendable, Hashable {
    /// Which fit a dimension uses.
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The baseline map's row, unchanged (nothing beat it out of sample).
        case baseline
        /// The baseline's prediction moved and stretched: a + b·p.
        case offsetScale = "offset+scale"
        /// A ridge regression on the dimension's features.
        case ridge
    }

    /// How one dimension's fit went.
    public struct DimensionFit: Codable, Sendable, Hashable {
        /// The dimension.
        public var dimension: Rubric.Dimension
        /// The fit used.
        public var kind: Kind
        /// The offset a of the offset-and-scale fit (teacher ≈ a + b · scorer).
        public var offset: Double
        /// The scale b of the offset-and-scale fit.
        public var scale: Double
        /// The ridge penalty, when the ridge fit is used.
        public var lambda: Double?
        /// The baseline map's agreement with the teacher (it was not fitted to these examples).
        public var before: MetricSummary
        /// The chosen fit's cross-validated agreement with the teacher.
        public var after: MetricSummary

        /// Whether the baseline's row was kept.
        public var keptBaseline: Bool { kind == .baseline }
    }

    /// The calibrated map.
    public var map: LinearMap
    /// The number of reviewed artworks used.
    public var examples: Int
    /// The number of cross-validation folds.
    public var folds: Int
    /// Per-dimension results, in rubric order.
    public var dimensions: [DimensionFit]
    /// The baseline's agreement with the teacher on the total.
    public var totalBefore: MetricSummary
    /// The calibrated map's cross-validated agreement on the total.
    public var totalAfter: MetricSummary
    /// The teacher's total minus the baseline's, on average.
    public var meanDifference: Double

    /// A plain-language verdict: how the teacher's scores differ from the scorer's and what calibrating buys.
    public var verdict: String {
        let diff = Int(meanDifference.rounded())
        let direction =
            abs(diff) < 1
            ? "Your totals agree with the scorer's on average"
            : "Your totals are on average \(abs(diff)) point\(abs(diff) == 1 ? "" : "s") \(diff < 0 ? "lower" : "higher") than the scorer's"
        let afterMAE = Int((totalAfter.mae ?? 0).rounded()), beforeMAE = Int((totalBefore.mae ?? 0).rounded())
        var lines = [
            "\(direction) (out of 100).",
            "After calibrating on your \(examples) reviews, predictions for the rest are expected to be within about "
                + "\(afterMAE) points of yours (it was \(beforeMAE) before; \(validation)).",
        ]
        let kept = dimensions.filter(\.keptBaseline).map { $0.dimension.title.lowercased() }
        if !kept.isEmpty {
            lines.append("Not changed, as no fit beat the current map out of sample: \(kept.joined(separator: ", ")).")
        }
        return lines.joined(separator: "\n")
    }

    /// How the errors were measured out of sample: "leave-one-out cross-validation" or "10-fold cross-validation".
    var validation: String {
        folds == examples ? "leave-one-out cross-validation" : "\(folds)-fold cross-validation"
    }

    /// A table comparing cross-validated MAE and rank correlation before and after, with the fit used.
    public var summary: String {
        func f(_ v: Double?, _ digits: Int) -> String {
            guard let v else { return "–" }
            return String(format: "%.\(digits)f", v)
        }
        var lines = [
            "calibrated on \(examples) artworks with human scores, \(validation)",
            "dimension      MAE before  MAE after  rho before  rho after  fit",
        ]
        for fit in dimensions {
            let name = fit.dimension.rawValue.padding(14)
            let how: String
            switch fit.kind {
            case .baseline: how = "kept (no gain out of sample)"
            case .offsetScale: how = "offset \(f(fit.offset, 1)), scale \(f(fit.scale, 2))"
            case .ridge: how = "ridge, lambda \(fit.lambda.map { String($0) } ?? "–")"
            }
            lines.append(
                "\(name) \(f(fit.before.mae, 2).padding(11)) \(f(fit.after.mae, 2).padding(10)) "
                    + "\(f(fit.before.spearman, 3).padding(11)) \(f(fit.after.spearman, 3).padding(10)) \(how)")
        }
        lines.append(
            "total          \(f(totalBefore.mae, 2).padding(11)) \(f(totalAfter.mae, 2).padding(10)) "
                + "\(f(totalBefore.spearman, 3).padding(11)) \(f(totalAfter.spearman, 3).padding(10))")
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
