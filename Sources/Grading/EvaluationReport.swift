import Foundation
import Rubric

/// The outcome of ``Evaluation/run(test:train:)``: per-dimension and total
/// agreement between the scorer and the labels.
public struct EvaluationReport: Sendable {
    /// The labelled files, in CSV order.
    public var files: [String]
    /// The scorer's sub-scores per file.
    public var predicted: [Scores]
    /// The labels per file, in ``Dimension/allCases`` order.
    public var actual: [[Double]]
    /// The calibration fitted on the training set, when one was given.
    public var calibration: CalibrationResult?

    /// The number of labelled images scored.
    public var n: Int { files.count }

    /// Agreement on one dimension.
    public func metrics(_ dimension: Rubric.Dimension) -> MetricSummary {
        let i = Dimension.allCases.firstIndex(of: dimension)!
        return MetricSummary(predicted: predicted.map { Double($0[dimension]) }, actual: actual.map { $0[i] })
    }

    /// Agreement on the total (0–100).
    public var total: MetricSummary {
        MetricSummary(predicted: predicted.map { Double($0.total) }, actual: actual.map { $0.reduce(0, +) })
    }

    /// One JSON object: `{"n": …, "total": {…}, "dimensions": {"originality": {…}, …}}`, each metric
    /// object with `pearson`, `spearman`, `mae`, `rmse`, `icc` (null when undefined).
    public func json() throws -> String {
        struct Body: Encodable {
            var n: Int
            var total: MetricSummary
            var dimensions: [String: MetricSummary]
        }
        let body = Body(
            n: n, total: total,
            dimensions: Dictionary(uniqueKeysWithValues: Dimension.allCases.map { ($0.rawValue, metrics($0)) }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    /// One line per file: predicted and labelled sub-scores and totals.
    public var details: String {
        var lines = ["file: predicted (o c t c c = total) | labelled"]
        for (i, file) in files.enumerated() {
            let p = predicted[i], a = actual[i]
            let labelled = a.map { String(format: "%g", $0) }.joined(separator: " ")
            lines.append(
                "\(file): \(p.values.map(String.init).joined(separator: " ")) = \(p.total) | \(labelled) = "
                    + String(format: "%g", a.reduce(0, +)))
        }
        return lines.joined(separator: "\n")
    }

    /// A table of the metrics for people.
    public var table: String {
        func cell(_ v: Double?) -> String {
            guard let v else { return "–".leftPadded(9) }
            return String(format: "%.3f", v).leftPadded(9)
        }
        var lines = ["n = \(n)", "              pearson spearman      mae     rmse   icc(2,1)"]
        let rows = Dimension.allCases.map { ($0.rawValue, metrics($0)) } + [("total", total)]
        for (name, m) in rows {
            let padded = name + String(repeating: " ", count: max(0, 12 - name.count))
            lines.append(padded + [m.pearson, m.spearman, m.mae, m.rmse, m.icc].map(cell).joined())
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
