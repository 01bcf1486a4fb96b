import Rubric
import Testing

@testable import Grading

@Suite struct CalibrationShiftTests {
    /// A class whose teacher gives the scorer's own scores minus 4 per dimension (20 on the total), with
    /// uniform noise of ±`noise` points on each sub-score.
    static func shifted(_ n: Int, seed: UInt64, noise: Double) -> [Calibrator.Example] {
        var rng = TestRNG(seed)
        return (0..<n).map { _ in
            var m = Measurements()
            for measure in Measure.allCases where measure.isFeature {
                m[measure] = CalibrationTests.raw(measure, for: 0.3 + 0.7 * rng.unit())
            }
            m.classSize = 20
            let target = LinearMap.default.predict(m).map { max(0, min(20, $0 - 4 + noise * (2 * rng.unit() - 1))) }
            return Calibrator.Example(measurements: m, target: target)
        }
    }

    static func sd(_ v: [Double]) -> Double {
        let mean = v.reduce(0, +) / Double(v.count)
        return (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)).squareRoot()
    }

    @Test("teacher = scorer − 20 + noise: after 16 reviews, held-out MAE is within the noise and never constant")
    func learnsTheOffset() throws {
        let noise = 2.0  // uniform ±2 per sub-score: a mean absolute noise of 1 point
        for seed in UInt64(1)...5 {
            let train = Self.shifted(16, seed: seed, noise: noise)
            let test = Self.shifted(40, seed: seed + 100, noise: noise)
            let result = try Calibrator.fit(train)
            var totalPredicted: [Double] = [], totalTeacher: [Double] = []
            for e in test {
                let p = result.map.predict(e.measurements).map { min(20, max(0, $0)) }
                totalPredicted.append(p.reduce(0, +))
                totalTeacher.append(e.target.reduce(0, +))
            }
            for (di, d) in Dimension.allCases.enumerated() {
                let predicted = test.map { min(20, max(0, result.map[d].predict($0.measurements))) }
                let actual = test.map { $0.target[di] }
                let mae = Metrics.mae(predicted, actual)!
                #expect(mae <= noise * 0.75, "seed \(seed) \(d): held-out MAE \(mae)")
                #expect(Self.sd(predicted) > 0.5 * Self.sd(actual), "seed \(seed) \(d): predictions barely vary")
            }
            let before = test.map {
                LinearMap.default.predict($0.measurements).map { min(20, max(0, $0)) }.reduce(0, +)
            }
            #expect(Metrics.mae(totalPredicted, totalTeacher)! < 0.3 * Metrics.mae(before, totalTeacher)!)
            #expect(result.meanDifference < -15 && result.meanDifference > -25)
            #expect(result.verdict.contains("lower than the scorer's"), "\(result.verdict)")
        }
    }

    @Test("a fit that ranks the artworks worse is never kept, even when its error is lower")
    func neverFlipsRank() throws {
        // The teacher's scores run against the scorer's: no offset-and-scale can follow them (scale ≥ 0.5).
        var examples = Self.shifted(16, seed: 9, noise: 0)
        for i in examples.indices { examples[i].target = examples[i].target.map { 16 - $0 } }
        let result = try Calibrator.fit(examples)
        for fit in result.dimensions {
            #expect(fit.scale >= Calibrator.scaleRange.lowerBound)
            if fit.kind == .ridge { #expect((fit.after.spearman ?? -1) > (fit.before.spearman ?? -1)) }
            let predictions = examples.map { result.map[fit.dimension].predict($0.measurements) }
            #expect(Self.sd(predictions) > 0.3, "\(fit.dimension): constant predictions")
        }
    }
}
