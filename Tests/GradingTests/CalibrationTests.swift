import Rubric
import Testing

@testable import Grading

@Suite struct CalibrationTests {
    /// A raw value whose normalised feature is `u` (bisection on the monotone scale).
    static func raw(_ measure: Measure, for u: Double) -> Double {
        var lo = -10.0, hi = 1000.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if measure.normalize(mid) < u { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// Synthetic examples whose targets are a known linear function of the normalised features.
    static func examples(_ n: Int, truth: LinearMap, noise: Double = 0) -> [Calibrator.Example] {
        var rng = TestRNG(42)
        return (0..<n).map { _ in
            var m = Measurements()
            for measure in Measure.allCases where measure.isFeature {
                m[measure] = raw(measure, for: 0.05 + 0.9 * rng.unit())
            }
            m.classSize = n - 1
            let target = truth.predict(m).map { $0 + noise * (rng.unit() - 0.5) }
            return Calibrator.Example(measurements: m, target: target)
        }
    }

    static let truth = LinearMap(
        rows: Dimension.allCases.enumerated().map { i, d in
            let features = Measure.features(of: d)
            return LinearMap.Row(
                dimension: d, features: features, intercept: 1 + Double(i),
                weights: features.indices.map { j in Double((j * 7 + i * 3) % 5) - 1 })
        })

    @Test("ridge on a hand-sized problem: x = 1...4, y = 2x + 1, λ = 1 gives β = 10 / 6")
    func ridgeByHand() throws {
        let x: [[Double]] = [[1], [2], [3], [4]]
        let y: [Double] = [3, 5, 7, 9]
        let fit = try Ridge.fit(x: x, y: y, lambda: 1)
        #expect(abs(fit.weights[0] - 10.0 / 6) < 1e-9)
        #expect(abs(fit.intercept - (6 - 10.0 / 6 * 2.5)) < 1e-9)
        let exact = try Ridge.fit(x: x, y: y, lambda: 0)
        #expect(abs(exact.weights[0] - 2) < 1e-6)
        #expect(abs(exact.intercept - 1) < 1e-6)
    }

    @Test("calibration recovers a known linear map from synthetic data")
    func recoversMap() throws {
        let result = try Calibrator.fit(Self.examples(300, truth: Self.truth))
        for d in Dimension.allCases {
            let fitted = result.map[d], expected = Self.truth[d]
            #expect(fitted.features == expected.features)
            for (a, b) in zip(fitted.weights, expected.weights) {
                #expect(abs(a - b) < 0.1, "\(d) weights \(fitted.weights) vs \(expected.weights)")
            }
            #expect(abs(fitted.intercept - expected.intercept) < 0.1)
        }
        for fit in result.dimensions {
            #expect(try #require(fit.after.mae) < 0.05)
            #expect(try #require(fit.after.pearson) > 0.999)
            #expect(try #require(fit.before.mae) > (fit.after.mae ?? .infinity))
        }
        #expect(result.examples == 300)
    }

    @Test("noisy targets still fit better than the default map, and the summary names every dimension")
    func noisy() throws {
        let result = try Calibrator.fit(Self.examples(60, truth: Self.truth, noise: 2))
        for fit in result.dimensions {
            #expect(try #require(fit.after.mae) < (fit.before.mae ?? 0))
        }
        for d in Dimension.allCases { #expect(result.summary.contains(d.rawValue)) }
    }

    @Test("a dimension whose fit cannot beat the default map out of sample keeps the default row")
    func keepsBaseline() throws {
        let result = try Calibrator.fit(Self.examples(30, truth: .default))
        for fit in result.dimensions {
            #expect(fit.keptBaseline)
            #expect(result.map[fit.dimension] == LinearMap.default[fit.dimension])
        }
        #expect(result.summary.contains("kept (no gain out of sample)"))
    }

    @Test("fewer than 10 reviewed artworks are refused, saying how many more are needed")
    func needsMore() {
        #expect(throws: GradingError.needsMoreReviews(have: 7, need: 10)) {
            try Calibrator.fit(Self.examples(7, truth: Self.truth))
        }
        #expect(GradingError.needsMoreReviews(have: 7, need: 10).description.contains("needs 3 more"))
    }

    @Test("a calibrated map drives the built-in scorer and names itself in the version")
    func calibratedScorer() throws {
        let result = try Calibrator.fit(Self.examples(40, truth: Self.truth))
        let scorer = BuiltinScorer(map: result.map, mapLabel: "cal1")
        #expect(scorer.version == "6+cal1")
        let a = scorer.assessment(for: ArtworkInput(id: "a", image: Synth.rainbow(), description: ""), context: .empty)
        #expect(
            a.scores
                == result.map.scores(
                    scorer.measurements(
                        for: ArtworkProfile(id: "a", image: Synth.rainbow(), description: ""), context: .empty)))
    }
}
